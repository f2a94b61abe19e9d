import { dayOf } from '../../../kernel/calendar/shanghai-time.ts';
import { SUPERVISION } from '../../events/workflow/states.ts';
import { JUDICIAL_RESULTS, PERFORMANCE, REFERRALS, REJECT_REASONS } from '../terms.ts';
import { ACTIONS, type ActionRequest, type Relation } from './actions.ts';
import { agreementRefusal, isDay, missingFromAgreement } from './agreement.ts';
import type { CaseClock } from './clock.ts';
import { conflictOfInterest } from './conflict.ts';
import { checkParty, checkPartyChanges } from './parties.ts';
import { needText, refuse, type Refusal } from './refusal.ts';
import { AFTER_AGREEMENT, FINAL_STATES, STATES, type CaseSnapshot, type State } from './states.ts';
import { transitionOf } from './table.ts';

export interface Applied { ok: true; from: State; to: State; case: CaseSnapshot }
export type Outcome = Applied | Refusal;

const later = (a: Date | null, b: Date) => (a && a > b ? a : b);
const MAX_MEDIATORS = 5;
/** A session may be recorded a little ahead of the server's clock (a phone's clock), not later. */
const CLOCK_SKEW_MS = 10 * 60_000;

const partyOf = (c: CaseSnapshot, id: unknown) => c.parties.find((p) => p.id === id);

/** What the request carries, beyond the route's schema (the same rules for the API, the sweeper and tests). */
function checkPayload(c: CaseSnapshot, req: ActionRequest, now: Date, clock: CaseClock): Refusal | null {
  const today = dayOf(now);
  switch (req.action) {
    case 'reject':
      if (!(req.reason in REJECT_REASONS)) return refuse(400, 'invalid_field', 'reason', `不予受理的理由应为 ${Object.keys(REJECT_REASONS).join('、')} 之一`, `one of ${Object.keys(REJECT_REASONS).join(', ')}`);
      return needText(req.note, 'note', '不予受理的说明');
    case 'refuse': case 'withdraw': {
      const p = partyOf(c, req.partyId);
      if (!p) return refuse(400, 'invalid_field', 'partyId', '请指定本案的当事人', 'a party of this case is required');
      if (req.action === 'withdraw' && p.role !== 'applicant') return refuse(409, 'not_applicant', 'partyId', `${p.name}不是申请人，只有申请人可以撤回`, 'only an applicant may withdraw');
      return needText(req.note, 'note', req.action === 'refuse' ? '当事人拒绝调解的理由' : '撤回的理由');
    }
    case 'assign': {
      const ms = Array.isArray(req.mediators) ? req.mediators : [];
      if (!ms.length || ms.length > MAX_MEDIATORS) return refuse(400, 'invalid_field', 'mediatorIds', `请指定 1 到 ${MAX_MEDIATORS} 名调解员`, `1 to ${MAX_MEDIATORS} mediators`);
      if (new Set(ms.map((m) => m.id)).size !== ms.length) return refuse(400, 'invalid_field', 'mediatorIds', '调解员重复', 'a mediator is named twice');
      if (req.chosenBy !== 'committee' && req.chosenBy !== 'parties') return refuse(400, 'invalid_field', 'chosenBy', '应为 committee（调委会指定）或 parties（当事人选定）', 'committee or parties');
      for (const m of ms) {
        if (!m.active) return refuse(409, 'mediator_inactive', 'mediatorIds', `调解员${m.name}已停用`, `mediator ${m.name} is not active`);
        if (req.chosenBy === 'committee' && m.orgId !== c.orgId) return refuse(400, 'invalid_field', 'mediatorIds', `调解员${m.name}不属于本调解组织；当事人选定的可选 chosenBy=parties`, `${m.name} is not of this organisation (parties may choose one: chosenBy=parties)`);
        if (c.recused.includes(m.id)) return refuse(409, 'recused', 'mediatorIds', `调解员${m.name}已在本案回避，不能再指派`, `${m.name} was recused from this case`);
        const conflict = conflictOfInterest([m], c.parties, 'mediatorIds');
        if (conflict) return conflict;
      }
      return null;
    }
    case 'recuse':
      if (!Number.isInteger(req.mediatorId) || req.mediatorId < 1) return refuse(400, 'invalid_field', 'mediatorId', '请指定回避的调解员', 'the mediator to recuse is required');
      if (c.recused.includes(req.mediatorId)) return refuse(409, 'already_recused', 'mediatorId', '该调解员已回避', 'this mediator is already recused');
      if (req.requestedBy === 'party' && !partyOf(c, req.partyId)) return refuse(400, 'invalid_field', 'partyId', '请指定申请回避的当事人', 'the party asking for the recusal is required');
      if (req.requestedBy !== 'party' && req.requestedBy !== 'mediator') return refuse(400, 'invalid_field', 'requestedBy', '应为 party（当事人申请）或 mediator（调解员自行回避）', 'party or mediator');
      return needText(req.reason, 'reason', '回避的理由');
    case 'record_session': {
      const s = req.session;
      const at = typeof s?.heldAt === 'string' ? new Date(s.heldAt) : new Date(NaN);
      if (Number.isNaN(at.getTime())) return refuse(400, 'invalid_field', 'session.heldAt', '请填写调解时间', 'when the session was held (ISO 8601)');
      if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) return refuse(400, 'invalid_field', 'session.heldAt', '调解时间不能晚于现在', 'cannot be in the future');
      if (dayOf(at) < dayOf(c.registeredAt)) return refuse(400, 'invalid_field', 'session.heldAt', '调解时间不能早于登记日期', 'cannot be before the case was registered');
      const bad = needText(s.place, 'session.place', '调解地点', 2, 200);
      if (bad) return bad;
      if (!Array.isArray(s.attendees) || !s.attendees.some((a) => typeof a === 'string' && a.trim())) return refuse(400, 'invalid_field', 'session.attendees', '请填写参加人', 'who attended');
      return needText(s.minutes, 'session.minutes', '调解笔录', 10, 20000);
    }
    case 'agree': {
      const missing = missingFromAgreement(req.agreement, c, now);
      return missing.length ? agreementRefusal(missing) : null;
    }
    case 'fail':
      if (!(req.referral in REFERRALS)) return refuse(400, 'invalid_field', 'referral', `调解不成须告知当事人其他途径：${Object.entries(REFERRALS).map(([k, v]) => `${k} ${v}`).join('、')}`, `the route the parties are referred to is required: ${Object.keys(REFERRALS).join(', ')}`);
      return needText(req.note, 'note', '调解不成的情况');
    case 'extend':
      if (!Number.isInteger(req.days) || req.days < 1 || req.days > clock.maxExtensionDays) return refuse(400, 'invalid_field', 'days', `延长天数应为 1 到 ${clock.maxExtensionDays} 日`, `between 1 and ${clock.maxExtensionDays} days`);
      return needText(req.note, 'note', '各方当事人同意延长的情况');
    case 'flag_police': return needText(req.reason, 'reason', '报告公安机关的原因', 4);
    case 'add_party': {
      const r = checkParty(req.party, 'party', today);
      return r.ok ? conflictOfInterest(req.onCase ?? [], [r.party], 'party.phone') : r;
    }
    case 'correct_party': {
      const p = partyOf(c, req.partyId);
      if (!p) return refuse(400, 'invalid_field', 'partyId', '请指定本案的当事人', 'a party of this case is required');
      const r = checkPartyChanges(p.kind, req.changes, today);
      if (!r.ok) return r;
      const phone = r.changes.phone;
      const conflict = phone ? conflictOfInterest(req.onCase ?? [], [{ name: r.changes.name ?? p.name, phone }], 'changes.phone') : null;
      return conflict ?? needText(req.reason, 'reason', '更正的原因', 4, 500);
    }
    case 'follow_up':
      if (!isDay(req.visitedOn)) return refuse(400, 'invalid_field', 'visitedOn', '请填写回访日期（YYYY-MM-DD）', 'the day of the visit, YYYY-MM-DD');
      if (req.visitedOn > today) return refuse(400, 'invalid_field', 'visitedOn', '回访日期不能晚于今天', 'cannot be after today');
      if (c.agreement && req.visitedOn < c.agreement.signedOn) return refuse(400, 'invalid_field', 'visitedOn', '回访日期不能早于协议签订日期', 'cannot be before the agreement was signed');
      if (!(req.performance in PERFORMANCE)) return refuse(400, 'invalid_field', 'performance', '履行情况应为 performed 已履行、partly 部分履行 或 not_performed 未履行', 'performed, partly or not_performed');
      return needText(req.note, 'note', '回访情况');
    case 'judicial_apply':
      if (!isDay(req.appliedOn)) return refuse(400, 'invalid_field', 'appliedOn', '请填写申请日期（YYYY-MM-DD）', 'the day of the application, YYYY-MM-DD');
      if (req.appliedOn > today) return refuse(400, 'invalid_field', 'appliedOn', '申请日期不能晚于今天', 'cannot be after today');
      if (c.agreement && req.appliedOn < c.agreement.signedOn) return refuse(400, 'invalid_field', 'appliedOn', '申请日期不能早于协议生效日期', 'cannot be before the agreement took effect');
      return needText(req.court, 'court', '受理申请的人民法院', 2, 100);
    case 'judicial_result':
      if (!(req.result in JUDICIAL_RESULTS)) return refuse(400, 'invalid_field', 'result', '应为 confirmed（确认有效）或 rejected（驳回申请）', 'confirmed or rejected');
      if (!isDay(req.decidedOn)) return refuse(400, 'invalid_field', 'decidedOn', '请填写裁定日期（YYYY-MM-DD）', 'the day of the ruling, YYYY-MM-DD');
      if (req.decidedOn > today) return refuse(400, 'invalid_field', 'decidedOn', '裁定日期不能晚于今天', 'cannot be after today');
      if (c.judicial && req.decidedOn < c.judicial.appliedOn) return refuse(400, 'invalid_field', 'decidedOn', '裁定日期不能早于申请日期', 'cannot be before the application');
      return null;
    default: return null;
  }
}

/** Guards that read more than the state: the kind of case, a deadline, what was done before. */
function checkGuards(c: CaseSnapshot, req: ActionRequest, now: Date): Refusal | null {
  switch (req.action) {
    case 'extend':
      if (c.source !== 'court') return refuse(409, 'not_court_referral', 'action', '只有诉前调解（诉调对接）案件可以延长调解期限', 'only a court-referred (诉前调解) case may be extended');
      if (c.extensions >= 1) return refuse(409, 'already_extended', 'days', '诉前调解期限只能延长一次', 'the period may be extended once');
      if (c.dueAt && now > c.dueAt) return refuse(409, 'past_deadline', 'days', '调解期限已届满，不能再延长', 'the period has ended; it can no longer be extended');
      return null;
    case 'supervise':
      return SUPERVISION.indexOf(req.level) > SUPERVISION.indexOf(c.supervision) ? null
        : refuse(409, 'supervision_not_raised', 'level', `已是${c.supervision === 'red' ? '红牌' : '黄牌'}督办`, `already at ${c.supervision}`);
    case 'flag_police':
      return c.policeFlag ? refuse(409, 'already_flagged', 'reason', '已报告公安机关', 'already reported to the police') : null;
    case 'judicial_apply':
      if (c.judicial) return refuse(409, 'already_applied', 'appliedOn', '已申请司法确认', 'judicial confirmation was applied for already');
      if (c.agreement && req.appliedOn > c.agreement.judicialDueOn) {
        return refuse(409, 'judicial_window_passed', 'appliedOn', `司法确认应自调解协议生效之日起三十日内申请（至 ${c.agreement.judicialDueOn}）`, `must be applied for within 30 days of the agreement (by ${c.agreement.judicialDueOn})`);
      }
      return null;
    case 'judicial_result':
      if (!c.judicial) return refuse(409, 'no_application', 'result', '尚未申请司法确认', 'no application was made');
      return c.judicial.result ? refuse(409, 'already_decided', 'result', '司法确认结果已记录', 'the ruling is recorded already') : null;
    default: return null;
  }
}

/** The case after the action (pure: the service stores it with the action row, in one transaction). */
function apply(c: CaseSnapshot, req: ActionRequest, to: State, now: Date, clock: CaseClock): CaseSnapshot {
  const n: CaseSnapshot = { ...c, state: to, actions: c.actions + 1 };
  switch (req.action) {
    // 受理 starts the month; a court referral keeps its 30 days from receipt.
    case 'accept': if (c.source !== 'court') n.dueAt = later(c.dueAt, clock.conclusionDue(now)); break;
    case 'assign': n.mediators = req.mediators.map((m) => m.id); break;
    case 'recuse':
      n.mediators = c.mediators.filter((m) => m !== req.mediatorId);
      n.recused = [...c.recused, req.mediatorId];
      break;
    case 'record_session': n.sessions = c.sessions + 1; break;
    case 'agree': n.agreement = { signedOn: req.agreement.signedOn, judicialDueOn: clock.judicialDue(req.agreement.signedOn) }; break;
    case 'fail': n.referral = req.referral; break;
    case 'extend': n.dueAt = later(c.dueAt, clock.extend(c.dueAt ?? now, req.days)); n.extensions = c.extensions + 1; break;
    case 'supervise': n.supervision = req.level; break;
    case 'flag_police': n.policeFlag = true; break;
    case 'add_party': {
      const p = req.party;
      n.parties = [...c.parties, {
        id: Math.max(0, ...c.parties.map((x) => x.id)) + 1, role: p.role, kind: p.kind, name: p.name,
        identified: !!(p.idNumber || p.creditCode), hasAddress: !!p.address?.trim(), phone: p.phone ?? null,
      }];
      break;
    }
    case 'correct_party': {
      const ch = checkPartyChanges(partyOf(c, req.partyId)!.kind, req.changes);
      if (!ch.ok) break;
      n.parties = c.parties.map((p) => {
        if (p.id !== req.partyId) return p;
        const v = ch.changes;
        const id = p.kind === 'person' ? v.idNumber : v.creditCode;
        return {
          ...p, ...(v.name !== undefined && { name: v.name! }), ...(v.phone !== undefined && { phone: v.phone }),
          ...(id !== undefined && { identified: id !== null }), ...(v.address !== undefined && { hasAddress: v.address !== null }),
        };
      });
      break;
    }
    case 'follow_up': n.followUps = c.followUps + 1; break;
    case 'judicial_apply': n.judicial = { appliedOn: req.appliedOn, result: null }; break;
    case 'judicial_result': n.judicial = { ...c.judicial!, result: req.result }; break;
    default: break;
  }
  return n;
}

/**
 * Decides one action on a case: allowed (with the case after it) or refused with the status, the
 * field and a message in Chinese and English. Nothing else decides a case's state.
 */
export function decide(c: CaseSnapshot, req: ActionRequest, relations: ReadonlySet<Relation>, now: Date, clock: CaseClock): Outcome {
  const row = transitionOf(req?.action);
  if (!row) return refuse(400, 'invalid_field', 'action', '未知操作', 'unknown action');
  const name = ACTIONS[req.action];
  if (FINAL_STATES.includes(c.state)) return refuse(409, 'case_final', 'action', `案件${STATES[c.state].zh}，已办结，不能再${name.zh}`, `the case is ${STATES[c.state].en}; it cannot be changed`);
  if (c.state === 'agreed' && !(AFTER_AGREEMENT as readonly string[]).includes(req.action)) {
    return refuse(409, 'case_concluded', 'action', `案件已达成协议，只能回访或办理司法确认，不能再${name.zh}`, `the case has an agreement; only follow-ups and judicial confirmation remain`);
  }
  if (!row.from.includes(c.state)) return refuse(409, 'illegal_transition', 'action', `案件当前为「${STATES[c.state].zh}」，不能${name.zh}`, `the case is ${STATES[c.state].en}: cannot ${name.en}`);
  if (!row.by.some((r) => relations.has(r))) return refuse(403, 'forbidden', 'action', `您不能对此案件执行「${name.zh}」`, `you may not ${name.en} on this case`);
  const bad = checkPayload(c, req, now, clock) ?? checkGuards(c, req, now);
  if (bad) return bad;
  const to = row.to === 'same' ? c.state : typeof row.to === 'function' ? row.to(req, c) : row.to;
  return { ok: true, from: c.state, to, case: apply(c, req, to, now, clock) };
}

