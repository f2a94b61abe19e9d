import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../../kernel/context.ts';
import { idempotent } from '../../../kernel/idempotency.ts';
import { readers, TAG_EDITORS } from '../access.ts';
import { CreateTag, TagOut, TagParam, TagQuery, UpdateTag } from '../tag-schema.ts';
import { createTag, deleteTag, listTags, updateTag } from '../tags-service.ts';

const editors = { access: { roles: TAG_EDITORS } };

/** 标签 the city's tag vocabulary: read by all registry staff, edited by the city admin. */
export const tagRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db } = ctx;
  const tags = ['registry-tags'];

  app.get('/api/registry/tags', { config: readers, schema: { tags, summary: 'The city’s tags, with how many records carry each', querystring: TagQuery, response: { 200: Type.Object({ items: Type.Array(TagOut) }) } } },
    async (req) => ({ items: await listTags(db, req.caller!, req.query) }));

  app.post('/api/registry/tags', { config: editors, schema: { tags, summary: 'Add a tag to the city’s vocabulary (accepts Idempotency-Key)', body: CreateTag, response: { 201: TagOut } } },
    async (req, reply) => idempotent(db, req, reply, (trx) => createTag(trx, req.caller!, req.body, req.ip)));

  app.patch('/api/registry/tags/:code', { config: editors, schema: { tags, summary: 'Rename, describe, activate or deactivate a tag', params: TagParam, body: UpdateTag, response: { 200: TagOut } } },
    async (req) => db.transaction().execute((trx) => updateTag(trx, req.caller!, req.params.code, req.body, req.ip)));

  app.delete('/api/registry/tags/:code', { config: editors, schema: { tags, summary: 'Delete an unused tag the city added (built-in tags are deactivated instead)', params: TagParam, response: { 200: Type.Object({ ok: Type.Boolean() }) } } },
    async (req) => {
      await db.transaction().execute((trx) => deleteTag(trx, req.caller!, req.params.code, req.ip));
      return { ok: true };
    });
};
