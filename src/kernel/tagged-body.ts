import { Ajv, type ValidateFunction } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';

/**
 * A validator for a body that is a union tagged by its `action` field (one route for every action of
 * a workflow). Plain ajv reports a union's failure against its first branch ("action must be
 * register"); validating against the branch the body names gives the real field.
 */
export function taggedBodyValidator(bodies: Record<string, object>): FastifySchemaCompiler<unknown> {
  const ajv = new Ajv({ coerceTypes: false, useDefaults: true, removeAdditional: false, allErrors: false, strict: false });
  const branches = new Map<string, ValidateFunction>(Object.entries(bodies).map(([name, schema]) => [name, ajv.compile(schema)]));
  const names = [...branches.keys()];
  type Validator = ((body: unknown) => boolean) & { errors?: unknown[] | null };
  return ({ httpPart, schema }) => {
    if (httpPart !== 'body') return new Ajv({ coerceTypes: true, strict: false }).compile(schema as object) as ReturnType<FastifySchemaCompiler<unknown>>;
    const validate: Validator = (body) => {
      const action = (body as { action?: unknown } | null)?.action;
      const branch = typeof action === 'string' ? branches.get(action) : undefined;
      if (!branch) {
        validate.errors = [{ instancePath: '/action', keyword: 'enum', params: {}, message: `应为 ${names.join(', ')} 之一 / must be one of ${names.join(', ')}` }];
        return false;
      }
      const ok = branch(body);
      validate.errors = ok ? null : branch.errors;
      return ok;
    };
    return validate as ReturnType<FastifySchemaCompiler<unknown>>;
  };
}
