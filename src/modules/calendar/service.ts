import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Caller } from '../../kernel/auth/caller.ts';
import { appendAudit } from '../../kernel/audit/audit.ts';
import { AppError, invalidField } from '../../kernel/errors.ts';
import {
  checkSchedule, checkScheduleYear, dayOf, enteredYears, isShippedYear, SHIPPED_CALENDAR, statutoryName, yearOrigin, yearSchedule, type ScheduleDay, type ScheduleProblem,
} from '../../kernel/calendar/index.ts';
import { insertVersion, versionDays, yearVersions } from './store.ts';
import { recalculateDeadlines } from '../events/tickets/deadline-recalc.ts';
import { usableYears, type CalendarYearLoader } from './year-loader.ts';

const shippedSource = `${SHIPPED_CALENDAR.package} ${SHIPPED_CALENDAR.version}`;

function yearState(year: number) {
  const origin = yearOrigin(year);
  return { year, covered: origin !== null, origin };
}

/**
 * The years the calendar knows, where each came from, and whether this year and the next are known.
 * Reads refresh this node's calendar first (one small query), so the page is never behind the table.
 */
export async function coverage(loader: CalendarYearLoader, now = new Date()) {
  await loader.refresh();
  const thisYear = Number(dayOf(now).slice(0, 4));
  const shipped = [];
  for (let y = SHIPPED_CALENDAR.first; y <= SHIPPED_CALENDAR.last; y++) {
    if (isShippedYear(y)) shipped.push({ year: y, origin: 'shipped' as const, source: shippedSource, enteredBy: null, enteredAt: null, version: null });
  }
  const entered = enteredYears().map((y) => ({ year: y.year, origin: 'entered' as const, source: y.source, enteredBy: y.enteredBy, enteredAt: y.enteredAt, version: y.version }));
  return {
    today: dayOf(now),
    shipped: { ...SHIPPED_CALENDAR },
    years: [...shipped, ...entered],
    ignored: loader.lastResult.ignored.map((y) => ({ year: y.year, version: y.version, source: y.source })),
    current: yearState(thisYear),
    next: yearState(thisYear + 1),
  };
}

/** One year's schedule as the calendar uses it on this node, with every version ever entered. */
export async function getYear(db: Kysely<DB>, loader: CalendarYearLoader, year: number) {
  await loader.refresh();
  const origin = yearOrigin(year);
  const history = await yearVersions(db, year);
  const entered = enteredYears().find((y) => y.year === year);
  let days: ScheduleDay[] = [];
  if (origin === 'shipped') {
    const s = yearSchedule(year);
    // The notice's names (清明节, not chinese-days' 清明), as entered years have them.
    days = [...s.holidays, ...s.makeupWorkdays].map((d) => ({ date: d.date, kind: d.kind as ScheduleDay['kind'], name: statutoryName(d.holiday ?? '') ?? d.holiday ?? '' })).sort((a, b) => a.date.localeCompare(b.date));
  } else if (entered) {
    days = [...entered.days];
  }
  let note: string | null = null;
  if (history.length && origin === 'shipped') note = `已录入的 ${year} 年安排未使用：${shippedSource} 已包含该年 / the entered ${year} schedule is not used: ${shippedSource} ships ${year}`;
  const bad = loader.lastResult.invalid.find((i) => i.year === year);
  if (bad) note = `录入的第 ${bad.version} 版未通过检查，未使用，请重新录入 / version ${bad.version} fails the checks and is not used; enter the year again: ${bad.problem}`;
  else if (history.length && origin === null) note = '录入的安排尚未在本节点生效，稍后刷新 / the entered schedule has not reached this node yet; refresh in a minute';
  return {
    year, origin, covered: origin !== null, days, history, note,
    source: origin === 'shipped' ? shippedSource : entered?.source ?? null,
    enteredBy: entered?.enteredBy ?? null,
    enteredAt: entered?.enteredAt ?? null,
    version: entered?.version ?? null,
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const SOURCE_PROBLEM = '请填写通知来源（4–200 字），如：国办发明电〔2026〕X号 / required: the notice it is copied from (4–200 characters), e.g. the document number of the State Council notice';

/**
 * Checks a PUT body or an imported file: the year, the source (the notice it is copied from, so a
 * reader can check the entry against it), every day. Throws a 400 naming the first bad field, with
 * every problem in details.problems.
 */
export function checkEntry(year: number, body: unknown): { source: string; days: ScheduleDay[] } {
  const y = checkScheduleYear(year);
  if (y) throw invalidField(y.field, y.message);
  if (!isObject(body)) throw invalidField('body', '应为 {source, days} / must be an object {source, days}');
  const extra = Object.keys(body).find((k) => k !== 'source' && k !== 'days');
  if (extra) throw invalidField(extra, '未知字段 / unknown field; expected source, days');
  const source = typeof body.source === 'string' ? body.source.trim() : '';
  const problems: ScheduleProblem[] = source.length < 4 || source.length > 200 ? [{ field: 'source', message: SOURCE_PROBLEM }] : [];
  const checked = checkSchedule(year, body.days);
  problems.push(...checked.problems);
  if (problems.length) {
    const more = problems.length > 1 ? `（另有 ${problems.length - 1} 处 / ${problems.length - 1} more）` : '';
    throw new AppError(400, 'invalid_field', `${problems[0].field}: ${problems[0].message}${more}`, { field: problems[0].field, problems: problems.slice(0, 50) });
  }
  return { source, days: checked.days };
}

/** Who enters: a signed-in city admin, or the CLI (with the operator's name). */
export type EnteredBy = { caller: Caller; ip?: string } | { cli: string };

/**
 * Enters a year's schedule as its next version, audited in the same transaction. Nothing is written
 * when a check fails. Nodes use it at their next refresh (putYear applies it on its own node at once).
 */
export async function enterYear(db: Kysely<DB>, year: number, body: unknown, by: EnteredBy) {
  const { source, days } = checkEntry(year, body);
  const actor = 'caller' in by ? by.caller : null;
  const enteredByName = 'caller' in by ? `${by.caller.displayName}（${by.caller.username}）` : by.cli;
  return db.transaction().execute(async (trx) => {
    const yearsBefore = await usableYears(trx);
    const saved = await insertVersion(trx, { year, source, enteredBy: actor?.id ?? null, enteredByName, days });
    const before = saved.previous === null ? null : { version: saved.previous, days: await versionDays(trx, year, saved.previous) };
    // Open tickets whose deadlines reach into the year are counted again on the new schedule, in this transaction.
    const recalc = await recalculateDeadlines(trx, year, yearsBefore, await usableYears(trx));
    const deadlines = { checked: recalc.checked, changed: recalc.changed.length, leftAsSet: recalc.leftAsSet.length };
    await appendAudit(trx, actor, {
      action: 'calendar_year.enter', targetType: 'calendar_year', targetId: year,
      ip: 'caller' in by ? by.ip ?? null : null,
      ...(actor ? {} : { cityCode: null }),
      detail: {
        year, version: saved.version, source, enteredBy: enteredByName, days, before,
        deadlines: { ...deadlines, tickets: recalc.changed.slice(0, 500).map((c) => ({ city: c.cityCode, number: c.number, before: c.before, after: c.after })), leftAsSetTickets: recalc.leftAsSet.slice(0, 500) },
      },
    });
    return { version: saved.version, previous: saved.previous, source, days, deadlines };
  });
}

/** PUT: enter, then apply on this node and answer with the year as the calendar now uses it. */
export async function putYear(db: Kysely<DB>, loader: CalendarYearLoader, caller: Caller, year: number, body: unknown, ip?: string) {
  const saved = await enterYear(db, year, body, { caller, ip });
  await loader.load();
  return { ...(await getYear(db, loader, year)), replacedVersion: saved.previous, deadlines: saved.deadlines };
}
