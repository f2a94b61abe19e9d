// The phone's calls to the 排查 API: reads straight from the server, with the last answer kept in
// IndexedDB so a grid worker who loses the network mid-round still sees the task; writes through the
// outbox (offline/outbox.ts) with an Idempotency-Key, sent once when the network returns.
import { ApiError } from '../../api/http';
import { screeningApi, type AnswersIn, type FindingIn, type ScreeningTask, type TaskDetail } from '../../api/mediation';
import { idbGet, idbPut } from '../offline/idb';
import { discard, drafts, flush, isScreeningDraft, saveDraft, sending, type ScreeningDraft } from '../offline/outbox';
import { user } from '../session';

export interface Cached<T> { data: T; cachedAt: string | null }

/** A read answered by the server, or (network gone) by the copy kept for this user. */
async function kept<T>(name: string, read: () => Promise<T>): Promise<Cached<T>> {
  const key = `${user.value?.id ?? 'anonymous'} screening ${name}`;
  try {
    const data = await read();
    void idbPut('cache', { key, data, at: new Date().toISOString() }).catch(() => undefined);
    return { data, cachedAt: null };
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 0) throw err;
    const hit = await idbGet<{ data: T; at: string }>('cache', key).catch(() => undefined);
    if (!hit) throw err;
    return { data: hit.data, cachedAt: hit.at };
  }
}

export const readTasks = (filter: 'open' | 'done' | 'all') =>
  kept(`tasks ${filter}`, () => screeningApi.tasks({ open: filter === 'open' || undefined, status: filter === 'done' ? 'done' : undefined, pageSize: 200 }));
export const readTask = (id: number) => kept(`task ${id}`, () => screeningApi.task(id));

/** This task's drafts in the outbox, oldest first. */
export const draftsOf = (taskId: number) => drafts.value.filter(isScreeningDraft).filter((d) => d.screening.taskId === taskId);

/**
 * 保存 / 完成排查 as one draft. The version sent is the one the server will have once this phone's own
 * drafts before it are through (each moves it by one), so only someone else's change gives 409.
 * An unsent earlier answers draft of the task is replaced: the form holds every answer.
 */
export async function saveAnswers(task: ScreeningTask, body: Omit<AnswersIn, 'version'>, summary: string): Promise<ScreeningDraft> {
  const mine = draftsOf(task.id).filter((d) => d.state === 'pending');
  const replace = sending.value ? undefined : mine.filter((d) => d.kind === 'screening-answers').at(-1);
  if (replace) await discard(replace.id);
  const ahead = mine.filter((d) => d !== replace).length;
  const payload: AnswersIn = JSON.parse(JSON.stringify({ ...body, version: task.version + ahead }));
  return saveDraft({
    kind: 'screening-answers', screening: { taskId: task.id, summary: `${task.campaignTitle} · ${summary}`, input: payload }, title: task.gridName, buildingId: 0, unitId: null,
    steps: (key) => [{ method: 'POST', url: screeningApi.answersUrl(task.id), key, body: payload }],
  }) as Promise<ScreeningDraft>;
}

/** 上报线索: filed as a dispute case by the server; `draftId` resends a refused one after a fix (same key: it never went through). */
export function saveFinding(task: Pick<ScreeningTask, 'id' | 'gridName'>, body: FindingIn, draftId?: string): Promise<ScreeningDraft> {
  const payload: FindingIn = JSON.parse(JSON.stringify(body));
  return saveDraft({
    id: draftId, kind: 'screening-finding', screening: { taskId: task.id, summary: body.summary.slice(0, 40), input: payload }, title: task.gridName, buildingId: 0, unitId: null,
    steps: (key) => [{ method: 'POST', url: screeningApi.findingsUrl(task.id), key, body: payload }],
  }) as Promise<ScreeningDraft>;
}

/**
 * How a draft's send went, for the words on screen: through, kept on the phone (no network, or no
 * answer within a few seconds: it goes on trying), or refused (the task page says why).
 */
export async function sendOutcome(draftId: string, waitMs = 8000): Promise<'sent' | 'queued' | 'refused'> {
  await Promise.race([flush(), new Promise((r) => setTimeout(r, waitMs))]);
  const left = drafts.value.find((d) => d.id === draftId);
  return !left ? 'sent' : left.state === 'rejected' ? 'refused' : 'queued';
}

/** The answers a pending draft will send, to show on the form until it is through. */
export const answersOf = (d: ScreeningDraft) => (d.screening.input as AnswersIn).answers;
export const findingOf = (d: ScreeningDraft) => d.screening.input as FindingIn;
export type { TaskDetail, ScreeningTask };
