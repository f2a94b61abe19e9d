import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../../kernel/context.ts';
import { idempotent } from '../../../kernel/idempotency.ts';
import { IdParam } from '../schema-kit.ts';
import { CAMPAIGN_WRITERS, SCREENING_READERS, TASK_WORKERS } from './access.ts';
import { campaignDetail, createCampaign, listCampaigns } from './campaign-service.ts';
import {
  AnswersBody, CampaignDetail, CampaignList, CampaignOut, CampaignQuery, CreateCampaign, FindingBody, FindingResult, GridQuery, TaskDetail, TaskList, TaskQuery,
} from './schema.ts';
import { answerTask, listTasks, prepareFinding, taskDetail, writeFinding } from './task-service.ts';

/** 矛盾纠纷排查: campaigns over areas, one task per grid, the checklist, findings filed as cases. */
export const mediationScreeningRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db, grids } = ctx;
  const tags = ['mediation'];
  const base = '/api/mediation/screening';

  app.post(`${base}/campaigns`, {
    config: { access: { roles: CAMPAIGN_WRITERS } },
    schema: { tags, summary: '发起排查: a campaign over areas inside mine, one task per grid (audited; accepts Idempotency-Key)', body: CreateCampaign, response: { 201: CampaignOut } },
  }, async (req, reply) => idempotent(db, req, reply, (trx) => createCampaign(trx, req.caller!, req.body, req.ip)));

  app.get(`${base}/campaigns`, {
    config: { access: { roles: SCREENING_READERS } },
    schema: { tags, summary: 'Campaigns covering my area or part of it, with progress over my grids', querystring: CampaignQuery, response: { 200: CampaignList } },
  }, async (req) => listCampaigns(db, req.caller!, req.query));

  app.get(`${base}/campaigns/:id`, {
    config: { access: { roles: SCREENING_READERS } },
    schema: { tags, summary: 'A campaign with the progress of each of its grids in my area (filters status, area; paged)', params: IdParam, querystring: GridQuery, response: { 200: CampaignDetail } },
  }, async (req) => campaignDetail(db, req.caller!, req.params.id, req.query));

  app.get(`${base}/tasks`, {
    logLevel: 'warn', config: { access: { roles: SCREENING_READERS } },
    schema: { tags, summary: '排查任务 of the grids in my area (a grid worker: their grid), open ones first', querystring: TaskQuery, response: { 200: TaskList } },
  }, async (req) => listTasks(db, req.caller!, req.query));

  app.get(`${base}/tasks/:id`, {
    config: { access: { roles: SCREENING_READERS } },
    schema: { tags, summary: 'One task: the checklist with my answers and the cases filed under each item', params: IdParam, response: { 200: TaskDetail } },
  }, async (req) => taskDetail(db, req.caller!, req.params.id));

  app.post(`${base}/tasks/:id/answers`, {
    config: { access: { roles: TASK_WORKERS } },
    schema: { tags, summary: '填写排查清单: answers per item (未发现 / 发现 with a note), `done` to finish (accepts Idempotency-Key)', params: IdParam, body: AnswersBody, response: { 200: TaskDetail } },
  }, async (req, reply) => idempotent(db, req, reply, (trx) => answerTask(trx, req.caller!, req.params.id, req.body), { status: 200 }));

  app.post(`${base}/tasks/:id/findings`, {
    config: { access: { roles: TASK_WORKERS } },
    schema: { tags, summary: '上报排查发现: filed as a dispute case (source screening) linked to the task, warning rules run on it (accepts Idempotency-Key)', params: IdParam, body: FindingBody, response: { 201: FindingResult } },
  }, async (req, reply) => idempotent(db, req, reply, writeFinding, { prepare: () => prepareFinding(db, grids, req.caller!, req.params.id, req.body) }));
};
