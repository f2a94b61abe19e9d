// What the phone offers on a ticket: the actions its state and my relations allow (the same table
// as the server's workflow, cut to what is done on a phone), and the timeline in words.
import type { TicketAction, TicketDetail } from './ticket-api';

/** One line of the timeline (TicketTimeline.vue). */
export interface Step { key: string | number; title: string; at: string; by?: string | null; text?: string | null }

export type PhoneAction = 'verify' | 'sign' | 'reply' | 'rate';

export function phoneActions(d: TicketDetail): PhoneAction[] {
  const r = new Set(d.relations);
  const s = d.ticket.state;
  const out: PhoneAction[] = [];
  if (r.has('handler') && s === 'dispatched') out.push('sign');
  if (r.has('handler') && s === 'accepted') out.push('reply');
  if (r.has('verifier') && s === 'handled') out.push('verify');
  if (r.has('reporter') && s === 'closed' && !d.ticket.rating) out.push('rate');
  return out;
}

type Translate = (key: string) => string;

/** The words of one action row: the note, a reply's result, a rating, a failed check. */
function textOf(a: TicketAction, t: Translate): string | null {
  const data = (a.data ?? {}) as Record<string, unknown>;
  const parts: string[] = [];
  if (a.action === 'reply' && data.result) parts.push(String(data.result));
  if (a.action === 'verify') parts.push(t(data.passed === false ? 'tk.act.failed' : 'tk.act.passed'));
  if (a.action === 'rate' && data.rating) parts.push(t(`tk.rating.${String(data.rating)}`));
  if (a.note) parts.push(a.note);
  return parts.join(' · ') || null;
}

export function timelineSteps(d: TicketDetail, t: Translate): Step[] {
  return d.timeline.map((a) => ({ key: a.seq, title: a.actionName, at: a.at, by: a.by.name, text: textOf(a, t) }));
}

/** Tasks first by how late they are: overdue, then the nearest deadline, those without one last. */
export function byDeadline<T extends { overdue: boolean; dueAt: string | null; signDueAt: string | null; state: string }>(list: T[]): T[] {
  const due = (t: T) => (t.state === 'dispatched' ? t.signDueAt ?? t.dueAt : t.dueAt);
  return [...list].sort((a, b) => Number(b.overdue) - Number(a.overdue) || (due(a) ?? '9999').localeCompare(due(b) ?? '9999'));
}
