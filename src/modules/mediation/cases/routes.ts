import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../../kernel/context.ts';
import { idempotent } from '../../../kernel/idempotency.ts';
import { taggedBodyValidator } from '../../../kernel/tagged-body.ts';
import { AGREEMENT_READERS, CASE_ACTORS, CASE_CREATORS, CASE_WORKERS, MEDIATION_READERS, REVEAL_ROLES, SETTINGS_WRITERS } from '../access.ts';
import { IdParam } from '../schema-kit.ts';
import { actOnCase, type CaseAction } from './action-service.ts';
import { prepareCase, writeCase } from './intake-service.ts';
import { caseDetail, listCases, readAgreement, revealParty } from './read-service.ts';
import {
  ACTION_BODIES, ActionBody, ActionResult, AgreementBody, AgreementOut, CaseDetail, CaseList, CaseOut, CaseQuery, CreateCase, FollowUpBody,
  JudicialApplyBody, JudicialResultBody, PartyIn, PartyParam, RevealBody, RevealOut, SessionBody, SettingsBody, SettingsOut,
} from './schema.ts';
import { getSettings, putSettings } from './settings.ts';

/** 纠纷案件: intake from every door, one route for the workflow's actions, the records, the reads. */
export const mediationCaseRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db, grids } = ctx;
  const tags = ['mediation'];
  /** Every write on a case goes through the one action service, in one transaction (with an Idempotency-Key, replayed). */
  const act = (req: FastifyRequest, reply: FastifyReply, body: CaseAction, status = 200) =>
    idempotent(db, req, reply, (trx) => actOnCase(trx, req.caller!, (req.params as { id: number }).id, body, undefined, req.ip), { status, fingerprint: body });

  app.post('/api/mediation/cases', {
    config: { access: { roles: CASE_CREATORS } },
    schema: { tags, summary: '登记 a dispute from any door: walk_in, initiative, ticket (linked both ways), petition/police/court hand-offs (referring body and number required), screening (accepts Idempotency-Key)', body: CreateCase, response: { 201: CaseOut } },
  }, async (req, reply) => idempotent(db, req, reply, writeCase, { prepare: () => prepareCase(db, grids, req.caller!, req.body) }));

  app.get('/api/mediation/cases', {
    logLevel: 'warn', config: { access: { roles: MEDIATION_READERS } },
    schema: { tags, summary: 'Cases I may see, filtered (state, source, category, organisation, area, mediator, mine, overdue, supervision, police, ticket, text)', querystring: CaseQuery, response: { 200: CaseList } },
  }, async (req) => listCases(db, req.caller!, req.query));

  app.get('/api/mediation/cases/:id', {
    config: { access: { roles: MEDIATION_READERS } },
    schema: { tags, summary: 'One case with its whole history: parties (masked), mediators, recusals, timeline, sessions, agreement status, 司法确认, 回访, my relations and actions', params: IdParam, response: { 200: CaseDetail } },
  }, async (req) => caseDetail(db, req.caller!, req.params.id));

  app.post('/api/mediation/cases/:id/actions', {
    config: { access: { roles: CASE_ACTORS } },
    schema: { tags, summary: 'One workflow action: accept, reject, refuse, withdraw, assign, recuse, fail, extend, supervise, flag_police, correct_party 更正当事人 (accepts Idempotency-Key)', params: IdParam, body: ActionBody, response: { 200: ActionResult } },
    validatorCompiler: taggedBodyValidator(ACTION_BODIES),
  }, async (req, reply) => act(req, reply, req.body as ActionBody));

  app.post('/api/mediation/cases/:id/parties', {
    config: { access: { roles: CASE_WORKERS } },
    schema: { tags, summary: '追加当事人 to an open case (ID numbers checked, masked in answers; accepts Idempotency-Key)', params: IdParam, body: PartyIn, response: { 201: ActionResult } },
  }, async (req, reply) => act(req, reply, { action: 'add_party', party: req.body }, 201));

  app.post('/api/mediation/cases/:id/parties/:partyId/reveal', {
    config: { access: { roles: REVEAL_ROLES } },
    schema: { tags, summary: 'The clear ID number, credit code or phone of a party, for those involved; needs a reason, written to the audit log', params: PartyParam, body: RevealBody, response: { 200: RevealOut } },
  }, async (req) => db.transaction().execute((trx) => revealParty(trx, req.caller!, req.params.id, req.params.partyId, req.body, req.ip)));

  app.post('/api/mediation/cases/:id/sessions', {
    config: { access: { roles: CASE_WORKERS } },
    schema: { tags, summary: '调解记录: a session (when, where, who attended, minutes) by the case’s mediators or committee (accepts Idempotency-Key)', params: IdParam, body: SessionBody, response: { 201: ActionResult } },
  }, async (req, reply) => act(req, reply, { action: 'record_session', session: req.body }, 201));

  app.post('/api/mediation/cases/:id/agreement', {
    config: { access: { roles: CASE_WORKERS } },
    schema: { tags, summary: '调解协议书 recorded as signed: parties, facts, disputed points, responsibilities, terms with manner and deadline, signatures; refused naming every missing item (accepts Idempotency-Key)', params: IdParam, body: AgreementBody, response: { 201: ActionResult } },
  }, async (req, reply) => act(req, reply, { action: 'agree', agreement: req.body }, 201));

  app.get('/api/mediation/cases/:id/agreement', {
    config: { access: { roles: AGREEMENT_READERS } },
    schema: { tags, summary: 'The agreement’s content, for the case’s mediators, its committee and supervisors up the area tree (others: 404)', params: IdParam, response: { 200: AgreementOut } },
  }, async (req) => readAgreement(db, req.caller!, req.params.id));

  app.post('/api/mediation/cases/:id/judicial-confirmation', {
    config: { access: { roles: CASE_WORKERS } },
    schema: { tags, summary: '司法确认: the joint application, within 30 days of the agreement (calendar days, rolled past holidays; accepts Idempotency-Key)', params: IdParam, body: JudicialApplyBody, response: { 201: ActionResult } },
  }, async (req, reply) => act(req, reply, { action: 'judicial_apply', ...req.body }, 201));

  app.post('/api/mediation/cases/:id/judicial-confirmation/result', {
    config: { access: { roles: CASE_WORKERS } },
    schema: { tags, summary: '司法确认 result: confirmed (确认有效) or rejected (驳回申请), with the day of the ruling (accepts Idempotency-Key)', params: IdParam, body: JudicialResultBody, response: { 200: ActionResult } },
  }, async (req, reply) => act(req, reply, { action: 'judicial_result', ...req.body }));

  app.post('/api/mediation/cases/:id/follow-ups', {
    config: { access: { roles: CASE_WORKERS } },
    schema: { tags, summary: '回访 of an agreement’s performance: performed, partly, not_performed, with a note (accepts Idempotency-Key)', params: IdParam, body: FollowUpBody, response: { 201: ActionResult } },
  }, async (req, reply) => act(req, reply, { action: 'follow_up', ...req.body }, 201));

  app.get('/api/mediation/settings', {
    config: { access: { roles: MEDIATION_READERS } },
    schema: { tags, summary: 'My city’s terms: 调解期限 (default one month), 诉前调解 days and extension, when 督办 turns red; its version for an edit', response: { 200: SettingsOut } },
  }, async (req) => getSettings(db, req.caller!));

  app.put('/api/mediation/settings', {
    config: { access: { roles: SETTINGS_WRITERS } },
    schema: { tags, summary: 'Set my city’s terms (audited; with the version read, a change made meanwhile is refused 409); cases keep the deadlines they were given', body: SettingsBody, response: { 200: SettingsOut } },
  }, async (req) => db.transaction().execute((trx) => putSettings(trx, req.caller!, req.body, req.ip)));
};

