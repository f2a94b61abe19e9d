import { Type, type Static } from '@sinclair/typebox';
import { PartyIn } from '../cases/schema.ts';
import { AreaCode, Day, Id, keysOf, literals, Nullable, Page } from '../schema-kit.ts';
import { CATEGORIES } from '../terms.ts';
import { TASK_STATUSES } from './checklist.ts';

/** Schemas of 排查活动, 排查任务 and 排查发现. */

const When = Type.String({ format: 'date-time' });
const Status = keysOf(TASK_STATUSES, 'status');

export const CreateCampaign = Type.Object({
  title: Type.String({ maxLength: 60, description: 'e.g. 2026年春节前矛盾纠纷集中排查' }),
  periodFrom: Day, periodTo: Day,
  areaCodes: Type.Array(AreaCode, { minItems: 1, maxItems: 50, description: 'areas covered (inside mine); one task per grid under them' }),
  checklist: Type.Optional(Type.Array(Type.Object({
    name: Type.String({ maxLength: 30 }), category: Type.Optional(keysOf(CATEGORIES, 'category a finding is filed under')),
  }, { additionalProperties: false }), { maxItems: 30, description: 'default: 婚姻家庭矛盾, 邻里纠纷, 拖欠农民工工资, 征地拆迁, 物业纠纷, 涉众型经济纠纷' })),
}, { additionalProperties: false });
export type CreateCampaign = Static<typeof CreateCampaign>;

export const CampaignQuery = Type.Object({
  period: Type.Optional(literals(['current', 'upcoming', 'ended'] as const, { description: 'by today (Asia/Shanghai)' })),
  ...Page,
}, { additionalProperties: false });
export type CampaignQuery = Static<typeof CampaignQuery>;

export const ChecklistItemOut = Type.Object({ key: Type.String(), name: Type.String(), category: Type.String(), categoryName: Type.String() });
const Progress = Type.Object({
  grids: Type.Integer(), pending: Type.Integer(), inProgress: Type.Integer(), done: Type.Integer(), findings: Type.Integer(),
}, { description: 'over the grids in my area' });
export const CampaignOut = Type.Object({
  id: Type.Integer(), title: Type.String(), periodFrom: Type.String(), periodTo: Type.String(),
  areas: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })), checklist: Type.Array(ChecklistItemOut),
  createdBy: Type.String(), createdAt: When, progress: Progress,
});
export const CampaignList = Type.Object({ items: Type.Array(CampaignOut), total: Type.Integer() });

export const GridQuery = Type.Object({
  status: Type.Optional(Status), area: Type.Optional(AreaCode),
  page: Type.Integer({ minimum: 1, default: 1 }), pageSize: Type.Integer({ minimum: 1, maximum: 1000, default: 500 }),
}, { additionalProperties: false });
export type GridQuery = Static<typeof GridQuery>;
export const GridProgress = Type.Object({
  taskId: Type.Integer(), gridCode: Type.String(), gridName: Type.String(), communityName: Nullable(Type.String()),
  workers: Type.Array(Type.String(), { description: '网格员: the active grid-worker accounts of the grid, by name' }),
  status: Type.String(), statusName: Type.String(), answered: Type.Integer(), found: Type.Integer(), findings: Type.Integer(),
  doneAt: Nullable(When), updatedBy: Nullable(Type.String({ description: '填报人: who last filled the task' })),
});
export const CampaignDetail = Type.Object({ campaign: CampaignOut, grids: Type.Array(GridProgress), gridTotal: Type.Integer() });

export const TaskQuery = Type.Object({
  status: Type.Optional(Status), campaignId: Type.Optional(Id), open: Type.Optional(Type.Boolean({ description: 'only tasks not done of campaigns not ended' })),
  ...Page,
}, { additionalProperties: false });
export type TaskQuery = Static<typeof TaskQuery>;
export const TaskOut = Type.Object({
  id: Type.Integer(), campaignId: Type.Integer(), campaignTitle: Type.String(), periodFrom: Type.String(), periodTo: Type.String(),
  gridCode: Type.String(), gridName: Type.String(), status: Type.String(), statusName: Type.String(),
  items: Type.Integer(), answered: Type.Integer(), found: Type.Integer(), findings: Type.Integer(),
  late: Type.Boolean({ description: 'not done and the period has ended, or done after it' }), doneAt: Nullable(When), version: Type.Integer(),
});
export const TaskList = Type.Object({ items: Type.Array(TaskOut), total: Type.Integer() });
export const TaskDetail = Type.Object({
  task: TaskOut,
  checklist: Type.Array(Type.Object({
    key: Type.String(), name: Type.String(), category: Type.String(), categoryName: Type.String(),
    answer: Nullable(Type.Object({ found: Type.Boolean(), note: Nullable(Type.String()) })),
    findings: Type.Array(Type.Object({ id: Type.Integer(), caseId: Type.Integer(), caseNumber: Type.String(), at: When })),
  })),
});

export const AnswersBody = Type.Object({
  answers: Type.Array(Type.Object({
    item: Type.String({ maxLength: 10, description: 'the checklist key (c1 …)' }), found: Type.Boolean({ description: 'false 未发现 | true 发现矛盾纠纷' }),
    note: Type.Optional(Type.String({ maxLength: 500, description: 'required when found' })),
  }, { additionalProperties: false }), { maxItems: 30 }),
  done: Type.Optional(Type.Boolean({ description: 'finish the task: every item must be answered' })),
  version: Type.Optional(Type.Integer({ minimum: 1, description: 'the task version read (optimistic edit)' })),
}, { additionalProperties: false });
export type AnswersBody = Static<typeof AnswersBody>;

export const FindingBody = Type.Object({
  item: Type.String({ maxLength: 10, description: 'the checklist key the finding is under' }),
  orgId: Type.Optional(Id),
  category: Type.Optional(keysOf(CATEGORIES, 'category (default: the item’s)')),
  summary: Type.String({ maxLength: 2000, description: '纠纷简要情况' }),
  amount: Type.Optional(Type.Number({ minimum: 0 })),
  peopleInvolved: Type.Optional(Type.Integer({ minimum: 1 })),
  location: Type.Optional(Type.Object({ lon: Type.Number({ minimum: -180, maximum: 180 }), lat: Type.Number({ minimum: -90, maximum: 90 }) }, { additionalProperties: false })),
  address: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  parties: Type.Array(PartyIn, { minItems: 1, maxItems: 50 }),
}, { additionalProperties: false, description: 'filed as a dispute case (source screening) with the organisation given, or the nearest people’s mediation committee above the grid' });
export type FindingBody = Static<typeof FindingBody>;
export const FindingResult = Type.Object({
  finding: Type.Object({ id: Type.Integer(), item: Type.String(), caseId: Type.Integer(), caseNumber: Type.String(), orgName: Type.String() }),
  task: TaskOut,
});
