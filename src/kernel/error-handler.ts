import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError } from './errors.ts';

/** Turns an ajv path like "/body/scopeCode" or "body/0/name" into "scopeCode" / "0.name". */
function fieldOf(err: FastifyError): string | undefined {
  const v = err.validation?.[0];
  if (!v) return undefined;
  const base = (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.');
  const missing = (v.params as { missingProperty?: string; additionalProperty?: string })?.missingProperty
    ?? (v.params as { additionalProperty?: string })?.additionalProperty;
  return [base, missing].filter(Boolean).join('.') || undefined;
}

/** One error shape for everything: {"error":{"code","message","details"}}; 5xx details stay in the log. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send({ error: { code: err.code, message: err.message, details: err.details ?? null } });
    }
    if (err.validation) {
      const field = fieldOf(err);
      const where = err.validationContext ?? 'body';
      const message = `${field ? `${field}: ` : ''}${err.validation[0]?.message ?? 'invalid'}`;
      return reply.status(400).send({ error: { code: 'invalid_field', message: `${where} ${message}`, details: { field: field ?? null, in: where } } });
    }
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
    if (status < 500) {
      const code = err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'body_too_large'
        : err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'unsupported_media_type'
        : err.code?.startsWith('FST_ERR_CTP') || err instanceof SyntaxError ? 'malformed_body' : 'bad_request';
      const message = code === 'body_too_large' ? '请求内容过大 / request body too large'
        : code === 'malformed_body' ? `请求内容不是有效的 JSON / malformed JSON body: ${err.message}` : err.message;
      return reply.status(status).send({ error: { code, message, details: null } });
    }
    req.log.error({ err }, 'request failed');
    return reply.status(500).send({ error: { code: 'internal', message: '服务器内部错误，请稍后再试 / internal error', details: null } });
  });
  app.setNotFoundHandler((req, reply) => {
    reply.status(404).send({ error: { code: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}`, details: null } });
  });
}
