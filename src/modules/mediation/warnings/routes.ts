import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../../kernel/context.ts';
import { idempotent } from '../../../kernel/idempotency.ts';
import { IdParam } from '../schema-kit.ts';
import { RULE_READERS, RULE_WRITERS, WARNING_HANDLERS, WARNING_READERS } from './access.ts';
import { HandleBody, RuleBody, RuleList, RuleOut, RuleParam, WarningDetail, WarningList, WarningQuery } from './schema.ts';
import { handleWarning, listRules, listWarnings, putRule, warningDetail } from './service.ts';

/** 预警: the warnings raised on cases, their handling, and the city's rules. */
export const mediationWarningRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db } = ctx;
  const tags = ['mediation'];

  app.get('/api/mediation/warnings', {
    logLevel: 'warn', config: { access: { roles: WARNING_READERS } },
    schema: { tags, summary: '预警 I may see (the case’s organisation level and above; police: only those reported under 第二十五条), newest first; filters state, level, rule, caseId, area, police', querystring: WarningQuery, response: { 200: WarningList } },
  }, async (req) => listWarnings(db, req.caller!, req.query));

  app.get('/api/mediation/warnings/rules', {
    config: { access: { roles: RULE_READERS } },
    schema: { tags, summary: 'My city’s 预警规则 with their thresholds (the defaults until the city edits one)', response: { 200: RuleList } },
  }, async (req) => listRules(db, req.caller!.cityCode));

  app.put('/api/mediation/warnings/rules/:rule', {
    config: { access: { roles: RULE_WRITERS } },
    schema: { tags, summary: 'Set one rule of my city: on/off, level, 第二十五条, thresholds or risk words (audited; `version` for optimistic edits)', params: RuleParam, body: RuleBody, response: { 200: RuleOut } },
  }, async (req) => db.transaction().execute((trx) => putRule(trx, req.caller!, req.params.rule, req.body, req.ip)));

  app.get('/api/mediation/warnings/:id', {
    config: { access: { roles: WARNING_READERS } },
    schema: { tags, summary: 'One warning with its history (raised, reported to the police, handled)', params: IdParam, response: { 200: WarningDetail } },
  }, async (req) => warningDetail(db, req.caller!, req.params.id));

  app.post('/api/mediation/warnings/:id/handle', {
    config: { access: { roles: WARNING_HANDLERS } },
    schema: { tags, summary: '处置 an open warning with a note of what was done (accepts Idempotency-Key)', params: IdParam, body: HandleBody, response: { 200: WarningDetail } },
  }, async (req, reply) => idempotent(db, req, reply, (trx) => handleWarning(trx, req.caller!, req.params.id, req.body), { status: 200 }));
};
