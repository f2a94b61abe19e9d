import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Role } from '../../../db/types.ts';
import type { AppContext } from '../../../kernel/context.ts';
import { IdParam, TicketOut } from '../tickets/schema.ts';
import { duplicateCandidates } from './service.ts';

/** Who triages and may merge (the 指挥中心 of a level): the city desk, district and street staff. */
export const DUPLICATE_READERS: readonly Role[] = ['city_admin', 'dispatcher', 'district_staff', 'street_staff'];

const Candidate = Type.Object({
  ticket: TicketOut,
  distanceM: Type.Union([Type.Integer(), Type.Null()], { description: 'metres between the points; null when one has none (then the same grid)' }),
  sameGrid: Type.Boolean(),
  hoursApart: Type.Number({ description: 'received this many hours after (negative: before) the ticket' }),
  textSimilarity: Type.Number({ description: 'Jaccard of the jieba words and bigrams, 0..1' }),
  score: Type.Number({ description: '0.35 place + 0.2 time + 0.45 words, 0..1' }),
});

export const duplicateRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/api/tickets/:id/duplicates', {
    config: { access: { roles: DUPLICATE_READERS } },
    schema: { tags: ['tickets'], summary: '合并 suggestions: live tickets of the same category within 300 m (or the same grid) and 7 days, best first; merge with the merge action', params: IdParam, response: { 200: Type.Object({ items: Type.Array(Candidate) }) } },
  }, async (req) => duplicateCandidates(ctx.db, req.caller!, req.params.id));
};
