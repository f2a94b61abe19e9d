import { Ajv } from 'ajv';
import type { FastifyInstance, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import { AppError, invalidField } from './errors.ts';

// Upload routes document their multipart body for OpenAPI, but the file is checked by the handler
// (type by its first bytes, size while reading): only params and query go through the schema.
const paramsAjv = new Ajv({ coerceTypes: true, strict: false });
export const uploadValidatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? () => true : paramsAjv.compile(schema as object)) as ReturnType<FastifySchemaCompiler<unknown>>;

/**
 * The one file of a multipart request (field `file`), read whole. The size limit of the route's
 * multipart registration stops reading early; `tooLarge` says so in the route's own words.
 */
export async function readUpload(app: FastifyInstance, req: FastifyRequest, tooLarge: () => AppError): Promise<{ data: Buffer; filename: string }> {
  if (!req.isMultipart()) throw new AppError(415, 'unsupported_media_type', 'file: 请以 multipart/form-data 上传文件 / send the file as multipart/form-data', { field: 'file' });
  const file = await req.file();
  if (!file) throw invalidField('file', '没有收到文件 / no file in the request');
  try {
    return { data: await file.toBuffer(), filename: file.filename };
  } catch (err) {
    if (err instanceof app.multipartErrors.RequestFileTooLargeError) throw tooLarge();
    throw err;
  }
}
