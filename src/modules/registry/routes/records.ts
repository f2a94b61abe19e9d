import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import type { AppContext } from '../../../kernel/context.ts';
import { idempotent } from '../../../kernel/idempotency.ts';
import { readUpload, uploadValidatorCompiler } from '../../../kernel/upload.ts';
import { readers, writers } from '../access.ts';
import { entityInScope, ENTITIES, notInScope, type EntityType } from '../area-scope.ts';
import { fileTooLarge, imageTypeOf, MAX_ATTACHMENT_BYTES, readAttachment, safeFilename, saveAttachment, sha256Of, unsupportedFile } from '../attachments.ts';
import { historyOf } from '../history.ts';
import { AttachmentOut, HistoryOut, IdParam } from '../schema.ts';

const UploadBody = Type.Object({ file: Type.String({ format: 'binary', description: 'the image' }) });

/** What every kind of registry record has: its change history and its photos. */
export const recordRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db } = ctx;
  // One file per request; the size limit is checked while reading, so an 11 MB upload stops at 10 MB.
  await app.register(multipart, { limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 5, parts: 6 } });

  for (const [type, e] of Object.entries(ENTITIES) as [EntityType, (typeof ENTITIES)[EntityType]][]) {
    const tags = [`registry-${e.path}`];

    app.get(`/api/registry/${e.path}/:id/history`, { config: readers, schema: { tags, summary: `Who changed what and when on a ${e.en} (ID and phone numbers masked)`, params: IdParam, response: { 200: HistoryOut } } },
      async (req) => {
        if (!(await entityInScope(db, req.caller!, type, req.params.id, true))) throw notInScope(type, req.params.id);
        return { items: await historyOf(db, req.caller!.cityCode, type, req.params.id) };
      });

    app.post(`/api/registry/${e.path}/:id/attachments`, {
      config: writers,
      schema: { tags, summary: `Attach a photo to a ${e.en}: multipart field "file", PNG/JPEG/GIF/WebP, at most 10 MB (accepts Idempotency-Key)`, consumes: ['multipart/form-data'], params: IdParam, body: UploadBody, response: { 201: AttachmentOut } },
      validatorCompiler: uploadValidatorCompiler,
    }, async (req, reply) => {
      const caller = req.caller!;
      // Scope first: someone outside the area learns nothing from how their upload fails.
      if (!(await entityInScope(db, caller, type, req.params.id))) throw notInScope(type, req.params.id);
      const { data, filename: sent } = await readUpload(app, req, fileTooLarge);
      const mime = imageTypeOf(data);
      if (!mime) throw unsupportedFile();
      const sha256 = sha256Of(data);
      const filename = safeFilename(sent, mime);
      return idempotent(db, req, reply, (trx) => saveAttachment(trx, caller, type, req.params.id, { filename, mime, data, sha256 }), { fingerprint: { sha256, filename } });
    });
  }

  app.get('/api/registry/attachments/:id', {
    config: readers,
    schema: { tags: ['registry-attachments'], summary: 'The content of an attachment, if its record is in my area', params: IdParam, response: { 200: Type.Unknown({ description: 'the image' }) } },
  }, async (req, reply) => {
    const a = await readAttachment(db, req.caller!, req.params.id);
    return reply
      .header('content-type', a.mime)
      .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(a.filename)}`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(a.data);
  });
};
