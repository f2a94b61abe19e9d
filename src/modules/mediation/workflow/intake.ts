import { CATEGORIES, HANDOFF_SOURCES, SOURCES, type Category, type Source } from '../terms.ts';
import type { CaseClock } from './clock.ts';
import { checkParty, checkSides, type Party, type PartyInput } from './parties.ts';
import { needText, refuse, type Refusal } from './refusal.ts';
import type { CaseSnapshot } from './states.ts';

/** What a new case carries at any door, before its place and organisation are looked up. */
export interface IntakeInput {
  source: Source;
  /** 访调/公调/诉调对接: who handed the dispute over and their reference number. */
  referringBody?: string;
  referralNumber?: string;
  ticketId?: number;
  category: Category;
  summary: string;
  amount?: number;
  peopleInvolved?: number;
  parties: PartyInput[];
}

export interface CheckedIntake { parties: Party[]; referringBody: string | null; referralNumber: string | null; peopleInvolved: number }

/**
 * The rules of every door, pure: a hand-off (访调对接 petition, 公调对接 police, 诉调对接 court) is
 * refused without its referring body and reference number; a case from a ticket names the ticket;
 * a dispute has an applicant and a respondent, each checked by the kernel's validators.
 */
export function checkIntake(input: IntakeInput, today?: string): { ok: true; value: CheckedIntake } | Refusal {
  if (!(input.source in SOURCES)) return refuse(400, 'invalid_field', 'source', `来源应为 ${Object.keys(SOURCES).join('、')} 之一`, `one of ${Object.keys(SOURCES).join(', ')}`);
  let referringBody: string | null = null;
  let referralNumber: string | null = null;
  if (HANDOFF_SOURCES.includes(input.source)) {
    const what = SOURCES[input.source];
    const body = needText(input.referringBody, 'referringBody', `${what}的移交单位（如 XX 信访局、XX 派出所、XX 人民法院）`, 2, 100);
    if (body) return body;
    const number = needText(input.referralNumber, 'referralNumber', `${what}的移交文书编号`, 2, 60);
    if (number) return number;
    referringBody = input.referringBody!.trim();
    referralNumber = input.referralNumber!.trim();
  } else if (input.referringBody || input.referralNumber) {
    return refuse(400, 'invalid_field', input.referringBody ? 'referringBody' : 'referralNumber', '只有访调、公调、诉调对接的案件有移交单位和文书编号', 'only petition, police and court hand-offs have a referring body and number');
  }
  if (input.source === 'ticket' && !(Number.isInteger(input.ticketId) && input.ticketId! > 0)) return refuse(400, 'invalid_field', 'ticketId', '事件转入须指定工单', 'the ticket is required');
  if (input.source !== 'ticket' && input.ticketId !== undefined) return refuse(400, 'invalid_field', 'ticketId', '只有事件转入的案件关联工单（source=ticket）', 'only a case from a ticket (source=ticket) names one');
  if (!(input.category in CATEGORIES)) return refuse(400, 'invalid_field', 'category', `纠纷类别应为 ${Object.entries(CATEGORIES).map(([k, v]) => `${k} ${v}`).join('、')} 之一`, `one of ${Object.keys(CATEGORIES).join(', ')}`);
  const summary = needText(input.summary, 'summary', '纠纷简要情况', 5, 2000);
  if (summary) return summary;
  if (input.amount !== undefined && !(Number.isFinite(input.amount) && input.amount >= 0 && input.amount < 1e12)) return refuse(400, 'invalid_field', 'amount', '争议金额应为不小于 0 的数（元）', 'a non-negative amount in yuan');
  if (!Array.isArray(input.parties) || input.parties.length < 2) return refuse(400, 'invalid_field', 'parties', '至少需要两方当事人', 'at least two parties');
  if (input.parties.length > 50) return refuse(400, 'invalid_field', 'parties', '当事人不能超过 50 个，群体性纠纷请登记代表人', 'at most 50 parties; name representatives for a group');
  const parties: Party[] = [];
  for (const [i, p] of input.parties.entries()) {
    const r = checkParty(p, `parties[${i}]`, today);
    if (!r.ok) return r;
    parties.push(r.party);
  }
  const sides = checkSides(parties.map((p) => p.role));
  if (sides) return sides;
  const people = input.peopleInvolved ?? parties.length;
  if (!Number.isInteger(people) || people < 1 || people > 100000) return refuse(400, 'invalid_field', 'peopleInvolved', '涉及人数应为 1 到 100000 的整数', 'a whole number from 1 to 100000');
  return { ok: true, value: { parties, referringBody, referralNumber, peopleInvolved: people } };
}

/** A new case as the workflow sees it: registered (登记), one action row; 诉前调解 starts its 30 days at receipt. */
export function openCase(input: { source: Source; category: Category; orgId: number; parties: (Party & { id: number })[] }, now: Date, clock: CaseClock): CaseSnapshot {
  return {
    state: 'registered', source: input.source, category: input.category, orgId: input.orgId, registeredAt: now,
    dueAt: input.source === 'court' ? clock.courtDue(now) : null, extensions: 0, supervision: 'none', policeFlag: false,
    mediators: [], recused: [], sessions: 0, agreement: null, judicial: null, followUps: 0, referral: null, actions: 1,
    parties: input.parties.map((p) => ({ id: p.id, role: p.role, kind: p.kind, name: p.name, identified: !!(p.idNumber || p.creditCode), hasAddress: !!p.address, phone: p.phone })),
  };
}
