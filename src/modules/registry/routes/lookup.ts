import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../../kernel/context.ts';
import { readers } from '../access.ts';
import { searchRegistry, SearchOut, SearchQuery } from '../search.ts';
import { VOCABULARIES } from '../vocabularies/index.ts';

/** Finding things: the one search box and the national code lists forms are filled from. */
export const lookupRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db } = ctx;

  // ID and phone numbers typed into the box stay out of the access log.
  app.get('/api/registry/search', { logLevel: 'warn', config: readers, schema: { tags: ['registry-search'], summary: 'Search people (name, full ID number, phone, address), households and organisations in my area', querystring: SearchQuery, response: { 200: SearchOut } } },
    async (req) => searchRegistry(db, req.caller!, req.query.q, req.query.limit));

  app.get('/api/registry/vocabularies', {
    config: readers,
    schema: { tags: ['registry-tags'], summary: 'The code lists (sex, ethnicity, political status, education, relation, industry …)', response: { 200: Type.Object({ lists: Type.Record(Type.String(), Type.Array(Type.Object({ code: Type.String(), name: Type.String() }))) }) } },
  }, async () => ({ lists: VOCABULARIES }));
};
