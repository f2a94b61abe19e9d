import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../../kernel/context.ts';
import { EVENTS_CONFIG_READERS as READERS, EVENTS_CONFIG_WRITERS as WRITERS } from './access.ts';
import { categoryTree, createCategory, patchCategory } from './categories.ts';
import { getPolicy, previewPolicy, putPolicy } from './deadline-policy.ts';
import { createRule, deleteRule, listRules, patchRule, previewRoute } from './routing-rules.ts';
import {
  CategoryOut, CategoryParam, CategoryTree, CreateCategory, CreateRule, PatchCategory, PatchRule, PolicyOut, PolicyPreviewOut, PolicyPreviewQuery, PreviewOut, PreviewQuery, RuleList, RuleOut, RuleParam, RuleQuery,
} from './schema.ts';

/** The event loop's configuration: 事项分类, 派单规则, 办理时限 of the caller's city. Every change is audited. */
export const eventsAdminRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db } = ctx;
  const tags = ['tickets-config'];

  app.get('/api/tickets/categories', { config: { access: { roles: READERS } }, schema: { tags, summary: '事项分类 tree of my city, switched-off ones included, with open tickets in my area', response: { 200: CategoryTree } } },
    async (req) => categoryTree(db, req.caller!));
  app.post('/api/tickets/categories', { config: { access: { roles: WRITERS } }, schema: { tags, summary: 'Add a city category under a parent of level 1–2 (or at the top); code parent.Cnn', body: CreateCategory, response: { 201: CategoryOut } } },
    async (req, reply) => reply.status(201).send(await createCategory(db, req.caller!, req.body)));
  app.patch('/api/tickets/categories/:code', { config: { access: { roles: WRITERS } }, schema: { tags, summary: 'Switch a category on/off (off: with its subtree), set its time limits; rename only the city’s own', params: CategoryParam, body: PatchCategory, response: { 200: CategoryOut } } },
    async (req) => patchCategory(db, req.caller!, req.params.code, req.body));

  app.get('/api/tickets/routing-rules', { config: { access: { roles: READERS } }, schema: { tags, summary: '派单规则 of my city', querystring: RuleQuery, response: { 200: RuleList } } },
    async (req) => listRules(db, req.caller!, req.query));
  app.post('/api/tickets/routing-rules', { config: { access: { roles: WRITERS } }, schema: { tags, summary: 'Add a rule: category × area → department or assigneeArea (one active rule per category and area)', body: CreateRule, response: { 201: RuleOut } } },
    async (req, reply) => reply.status(201).send(await createRule(db, req.caller!, req.body)));
  app.patch('/api/tickets/routing-rules/:id', { config: { access: { roles: WRITERS } }, schema: { tags, summary: 'Switch a rule on/off or change its note', params: RuleParam, body: PatchRule, response: { 200: RuleOut } } },
    async (req) => patchRule(db, req.caller!, req.params.id, req.body));
  app.delete('/api/tickets/routing-rules/:id', { config: { access: { roles: WRITERS } }, schema: { tags, summary: 'Delete a rule (tickets already routed keep their unit)', params: RuleParam, response: { 200: Type.Object({ deleted: Type.Integer() }) } } },
    async (req) => deleteRule(db, req.caller!, req.params.id));
  app.get('/api/tickets/route-preview', { config: { access: { roles: READERS } }, schema: { tags, summary: 'The unit dispatch would choose for a category at an area, and the rule that decided', querystring: PreviewQuery, response: { 200: PreviewOut } } },
    async (req) => previewRoute(db, req.caller!, req.query));

  app.get('/api/tickets/deadline-policy', { config: { access: { roles: READERS } }, schema: { tags, summary: '办理时限 policy of my city (the default when none is set)', response: { 200: PolicyOut } } },
    async (req) => getPolicy(db, req.caller!));
  app.put('/api/tickets/deadline-policy', { config: { access: { roles: WRITERS } }, schema: { tags, summary: 'Replace my city’s policy: signWorkdays, handleWorkdays per demand type, urgent hours, workingHours, redAfterWorkdays', body: Type.Unknown(), response: { 200: PolicyOut } } },
    async (req) => putPolicy(db, req.caller!, req.body));
  app.post('/api/tickets/deadline-policy/preview', { config: { access: { roles: READERS } }, schema: { tags, summary: 'Received now (or at receivedAt) → the 签收/办结 deadlines and the 红牌 line per demand type and for urgent tickets under the policy in the body (the same body as PUT); nothing is saved', querystring: PolicyPreviewQuery, body: Type.Unknown(), response: { 200: PolicyPreviewOut } } },
    async (req) => previewPolicy(req.body, req.query.receivedAt ? new Date(req.query.receivedAt) : undefined));
};
