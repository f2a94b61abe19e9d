/**
 * The states of a ticket (工单) in the event loop (事件处置闭环): 数字城管's seven steps
 * (GB/T 30428) merged with 12345 practice. A ticket is in exactly one of them.
 */
export const STATES = {
  received: { zh: '受理', en: 'received' },
  registered: { zh: '立案', en: 'registered' },
  dispatched: { zh: '已派遣', en: 'dispatched' },
  accepted: { zh: '处置中', en: 'being handled' }, // 签收 signed by the unit
  returned: { zh: '退单待裁定', en: 'returned, awaiting ruling' },
  handled: { zh: '已反馈', en: 'handled, awaiting verification' },
  verified: { zh: '已核查', en: 'verified' },
  closed: { zh: '已结案', en: 'closed' },
  cancelled: { zh: '已注销', en: 'cancelled' },
  merged: { zh: '已合并', en: 'merged' },
} as const;
export type State = keyof typeof STATES;
export const ALL_STATES = Object.keys(STATES) as State[];

/** States no action leaves (a merged or cancelled ticket lives on only in its history). */
export const FINAL_STATES: readonly State[] = ['cancelled', 'merged'];
/** States in which the responsible unit's clock runs and 督办 applies. */
export const OPEN_STATES: readonly State[] = ['registered', 'dispatched', 'accepted', 'returned', 'handled', 'verified'];

/** 诉求类型 demand types of 12345. */
export const DEMAND_TYPES = { consult: '咨询', complaint: '投诉', help: '求助', suggestion: '建议', report: '举报', other: '其他' } as const;
export type DemandType = keyof typeof DEMAND_TYPES;

/** 督办 supervision: yellow when a deadline is near or just passed, red when well past; it only rises within a round. */
export const SUPERVISION = ['none', 'yellow', 'red'] as const;
export type Supervision = (typeof SUPERVISION)[number];

/** 回访评价 ratings. */
export const RATINGS = { satisfied: '满意', basic: '基本满意', dissatisfied: '不满意' } as const;
export type Rating = keyof typeof RATINGS;

export const CENTRE_LEVELS = ['street', 'district', 'city'] as const;
export type CentreLevel = (typeof CENTRE_LEVELS)[number];

/** Who is answerable for a ticket now: a department (归口办理) or an area's own staff (属地管理). */
export type Assignee = { kind: 'department'; department: string } | { kind: 'area'; path: string };

/** What the workflow needs to know of a ticket; the store keeps more (text, place, reporter …). */
export interface TicketSnapshot {
  state: State;
  demandType: DemandType;
  urgent: boolean;
  assignee: Assignee | null;
  /** The level whose 指挥中心 triages and dispatches the ticket; 上报 raises it. */
  centreLevel: CentreLevel;
  /** 签收 deadline, while dispatched. */
  signDueAt: Date | null;
  /** 办理 deadline of the current round. */
  dueAt: Date | null;
  /** A 延期 request waiting for the centre's answer. */
  extension: { days: number; reason: string } | null;
  /** The state a 退单 was made from (dispatched or accepted), while returned. */
  returnedFrom: 'dispatched' | 'accepted' | null;
  supervision: Supervision;
  rating: Rating | null;
  /** 重办 rounds so far. */
  reopened: number;
  mergedInto: number | null;
  /** How many action rows the ticket has (its history is append-only). */
  actions: number;
}
