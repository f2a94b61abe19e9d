import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../../kernel/context.ts';
import { idempotent } from '../../../kernel/idempotency.ts';
import { APPLICANTS } from '../access.ts';
import { IdParam } from '../schema-kit.ts';
import { committeesAbove, placeOf, prepareApplication, writeApplication } from './intake-service.ts';
import { applicationDetail, listApplications } from './read-service.ts';
import { ApplicationBody, ApplicationDetail, ApplicationList, ApplicationQuery, CommitteeList, CommitteeQuery, WithdrawBody } from './schema.ts';
import { withdrawApplication } from './withdraw-service.ts';

/** 申请调解: a resident applies through the app (the walk_in door, 当事人申请) and follows their own applications. */
export const mediationApplicationRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db, grids } = ctx;
  const tags = ['mediation'];

  app.post('/api/mediation/applications', {
    config: { access: { roles: APPLICANTS } },
    schema: {
      tags, body: ApplicationBody, response: { 201: ApplicationDetail },
      summary: '申请调解: a resident applies; registered (待受理) at the committee of the place (the pin’s grid, else their community) or the people’s committee they chose; they are the applicant party from their account (accepts Idempotency-Key; at most 5 waiting for 受理)',
    },
  }, async (req, reply) => idempotent(db, req, reply, writeApplication, { prepare: () => prepareApplication(db, grids, req.caller!, req.body) }));

  app.get('/api/mediation/applications', {
    config: { access: { roles: APPLICANTS } },
    schema: { tags, querystring: ApplicationQuery, response: { 200: ApplicationList }, summary: '我的调解: my applications, newest first, each with its state in plain words' },
  }, async (req) => listApplications(db, req.caller!, req.query));

  app.get('/api/mediation/applications/committees', {
    config: { access: { roles: APPLICANTS } },
    schema: { tags, querystring: CommitteeQuery, response: { 200: CommitteeList }, summary: 'The people’s mediation committees an application for this place may go to (the pin, else my community), nearest first' },
  }, async (req) => {
    const { lon, lat } = req.query;
    const place = await placeOf(db, grids, req.caller!, lon !== undefined && lat !== undefined ? { lon, lat } : undefined);
    const rows = await committeesAbove(db, req.caller!.cityCode, place.areaPath);
    return { items: rows.map((o, i) => ({ id: o.id, name: o.name, level: o.level, phone: o.phone, address: o.address, nearest: i === 0 })) };
  });

  app.get('/api/mediation/applications/:id', {
    config: { access: { roles: APPLICANTS } },
    schema: {
      tags, params: IdParam, response: { 200: ApplicationDetail },
      summary: 'One of my applications: state in plain words, the committee, mediators, session dates, 不予受理 reason or 调解不成 referral, the agreement’s terms and printable copy (another’s: 404)',
    },
  }, async (req) => applicationDetail(db, req.caller!, req.params.id));

  app.post('/api/mediation/applications/:id/withdraw', {
    config: { access: { roles: APPLICANTS } },
    schema: {
      tags, params: IdParam, body: WithdrawBody, response: { 200: ApplicationDetail },
      summary: '申请人撤回: I withdraw my own application while it is not concluded (待受理 … 调解中); the committee and the mediators are told (accepts Idempotency-Key; another’s: 404; concluded: 409 naming the state)',
    },
  }, async (req, reply) => idempotent(db, req, reply, (trx) => withdrawApplication(trx, req.caller!, req.params.id, req.body, req.ip), { status: 200 }));
};
