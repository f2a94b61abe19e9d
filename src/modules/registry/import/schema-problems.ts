import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { ProblemSink } from '../field-checks.ts';

/** What a schema error means, in Chinese beside TypeBox's English. */
function describe(schema: Record<string, unknown>, message: string): string {
  if (typeof schema.maxLength === 'number') return `最多 ${schema.maxLength} 个字 / at most ${schema.maxLength} characters`;
  if (typeof schema.minLength === 'number') return `不能为空 / must not be empty`;
  if (typeof schema.maximum === 'number' || typeof schema.minimum === 'number') return `超出允许范围（${schema.minimum ?? ''}–${schema.maximum ?? ''}）/ out of range`;
  if (typeof schema.pattern === 'string') return `格式不对 / ${message}`;
  if (typeof schema.maxItems === 'number') return `最多 ${schema.maxItems} 项 / at most ${schema.maxItems} items`;
  return `内容不符合要求 / ${message}`;
}

/**
 * The API schema's own limits (lengths, patterns, ranges) applied to a row's input, each bad field
 * reported once. Formats (dates) are read by the cell parser, so format errors are not repeated here.
 */
export function schemaProblems(schema: TSchema, input: unknown, sink: ProblemSink): void {
  const seen = new Set<string>();
  for (const e of Value.Errors(schema, input)) {
    const s = e.schema as Record<string, unknown>;
    if (typeof s.format === 'string') continue;
    const field = e.path.replace(/^\//, '').replace(/\//g, '.');
    if (!field || seen.has(field)) continue;
    seen.add(field);
    sink(field, describe(s, e.message));
  }
}
