import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../../kernel/context.ts';
import { idempotent } from '../../../kernel/idempotency.ts';
import { readers, REVEAL_ROLES, writers } from '../access.ts';
import { AddTag, CreatePerson, MovePerson, PersonDetail, PersonOut, PersonQuery, Reveal, TagCodeParam, UpdatePerson } from '../people-schema.ts';
import { addPersonTag, createPerson, getPerson, listPeople, movePerson, removePersonTag, revealPerson, updatePerson } from '../people-service.ts';
import { IdParam, listOf, TagRef } from '../schema.ts';

const TagsOut = Type.Object({ changed: Type.Boolean(), tags: Type.Array(TagRef) });

/** 人 people: records, residence moves, tags and the audited reveal of ID and phone numbers. */
export const peopleRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db } = ctx;
  const tags = ['registry-people'];

  // Names in the query string stay out of the access log.
  app.get('/api/registry/people', { logLevel: 'warn', config: readers, schema: { tags, summary: 'People in my area, filtered by grid, tag, residence type, age range, name or address', querystring: PersonQuery, response: { 200: listOf(PersonOut) } } },
    async (req) => listPeople(db, req.caller!, req.query));

  app.post('/api/registry/people', { config: writers, schema: { tags, summary: 'Register a person (accepts Idempotency-Key)', body: CreatePerson, response: { 201: PersonOut } } },
    async (req, reply) => idempotent(db, req, reply, (trx) => createPerson(trx, req.caller!, req.body)));

  app.get('/api/registry/people/:id', { config: readers, schema: { tags, summary: 'One person with household, residence moves and attachments', params: IdParam, response: { 200: PersonDetail } } },
    async (req) => getPerson(db, req.caller!, req.params.id));

  app.patch('/api/registry/people/:id', { config: writers, schema: { tags, summary: 'Change a person (send the version you read; 409 when stale)', params: IdParam, body: UpdatePerson, response: { 200: PersonOut } } },
    async (req) => db.transaction().execute((trx) => updatePerson(trx, req.caller!, req.params.id, req.body)));

  app.post('/api/registry/people/:id/move', { config: writers, schema: { tags, summary: 'Move between 户籍/流动/境外/留守, with reason and date', params: IdParam, body: MovePerson, response: { 200: PersonOut } } },
    async (req) => db.transaction().execute((trx) => movePerson(trx, req.caller!, req.params.id, req.body)));

  app.post('/api/registry/people/:id/tags', { config: writers, schema: { tags, summary: 'Give a person an active person tag', params: IdParam, body: AddTag, response: { 200: TagsOut } } },
    async (req) => db.transaction().execute((trx) => addPersonTag(trx, req.caller!, req.params.id, req.body)));

  app.delete('/api/registry/people/:id/tags/:code', { config: writers, schema: { tags, summary: 'Take a tag off a person', params: TagCodeParam, response: { 200: TagsOut } } },
    async (req) => db.transaction().execute((trx) => removePersonTag(trx, req.caller!, req.params.id, req.params.code)));

  app.post('/api/registry/people/:id/reveal', {
    config: { access: { roles: REVEAL_ROLES } },
    schema: { tags, summary: 'The clear ID or phone number; needs a reason, written to the audit log', params: IdParam, body: Reveal, response: { 200: Type.Object({ id: Type.Integer(), field: Type.String(), value: Type.Union([Type.String(), Type.Null()]) }) } },
  }, async (req) => db.transaction().execute((trx) => revealPerson(trx, req.caller!, req.params.id, req.body, req.ip)));
};
