// 待发送 the outbox: every save becomes a draft in IndexedDB first, with its own Idempotency-Key
// made when the draft is made, and is sent from here: at once when online, again on the `online`
// event, on a timer and on "重新发送". A retry of a create that did reach the server gets the
// first answer back (the server keeps the key), so nothing is registered twice. A draft the
// server refuses stays here with the error until the worker fixes or deletes it.
// 注销 drafts are the exception to replay: those routes keep no key, so a resend of one that did
// get through meets a 404; the record's history then tells whether it was deregistered (done).
import { computed, ref, shallowRef } from 'vue';
import { ApiError } from '../../api/http';
import { send } from '../api';
import type { DeregisterInput } from '../household/deregister-model';
import type { HouseholdInput } from '../household/form-model';
import { idbAll, idbDelete, idbPut } from './idb';

export interface DraftStep {
  method: 'POST' | 'PATCH' | 'DELETE';
  /** May hold "{household}": the id the draft's create step got back. */
  url: string;
  body?: unknown;
  photo?: { blob: Blob; name: string };
  /** Idempotency-Key of a create; derived from the draft's key, so a replay reuses it. */
  key?: string;
  /** Where the server's field names belong in the form: "members.2." + field, or a field itself ("photos"). */
  fieldPrefix?: string;
  createsHousehold?: boolean;
  /** 随手拍: the step that files the ticket; its id fills "{ticket}" of the photo steps. */
  createsTicket?: boolean;
  /** 申请调解: the step that files the resident's application; its id and number go to sentCases. */
  createsCase?: boolean;
  /** A 注销 step: on 404, this history URL is asked whether the record was deregistered already. */
  doneIfGone?: string;
  done?: boolean;
}

export interface DraftError { status: number; code: string; message: string; field: string | null; at: string }

interface DraftBase {
  id: string;
  /** Idempotency-Key, made once with the draft. */
  key: string;
  userId: number;
  title: string;
  /** Building and unit, for the unit page to show its waiting drafts. */
  buildingId: number;
  unitId: number | null;
  createdAt: string;
  steps: DraftStep[];
  householdId: number | null;
  /** pending: waits for the network or the next try; rejected: the server refused it, the worker must act. */
  state: 'pending' | 'rejected';
  error: DraftError | null;
  attempts: number;
}

/** 住户采集: a new household or a change of one, with the form kept for a fix. */
export interface HouseholdDraft extends DraftBase { kind: 'household-create' | 'household-update'; form: HouseholdInput }
/** 注销: a member who left (died, moved out …) or an empty household. */
export interface DeregisterDraft extends DraftBase { kind: 'person-deregister' | 'household-deregister'; deregister: DeregisterInput }
/** 工单: a resident's 随手拍 or a grid worker's action on a task (核查, 签收, 反馈), with its photos. */
export interface TicketDraft extends DraftBase { kind: 'ticket-create' | 'ticket-action'; ticket: { ticketId: number | null; summary: string } }
/** 排查: a grid worker's checklist answers, or a finding filed as a dispute case, for one screening task. */
export interface ScreeningDraft extends DraftBase { kind: 'screening-answers' | 'screening-finding'; screening: { taskId: number; summary: string; input: unknown } }
/** 申请调解: a resident's application for mediation, or 撤回 of one (caseId: the application withdrawn). */
export interface MediationDraft extends DraftBase { kind: 'mediation-application' | 'mediation-withdraw'; mediation: { summary: string; caseId?: number } }
export type Draft = HouseholdDraft | DeregisterDraft | TicketDraft | ScreeningDraft | MediationDraft;

type DraftContent = Pick<HouseholdDraft, 'kind' | 'form'> | Pick<DeregisterDraft, 'kind' | 'deregister'> | Pick<TicketDraft, 'kind' | 'ticket'> | Pick<ScreeningDraft, 'kind' | 'screening'> | Pick<MediationDraft, 'kind' | 'mediation'>;
export type DraftInput = DraftContent & Pick<DraftBase, 'title' | 'buildingId' | 'unitId'> & { id?: string; steps: (key: string) => DraftStep[] };

export const isHouseholdDraft = (d: Draft): d is HouseholdDraft => d.kind === 'household-create' || d.kind === 'household-update';
export const isDeregisterDraft = (d: Draft): d is DeregisterDraft => d.kind === 'person-deregister' || d.kind === 'household-deregister';
export const isTicketDraft = (d: Draft): d is TicketDraft => d.kind === 'ticket-create' || d.kind === 'ticket-action';
export const isScreeningDraft = (d: Draft): d is ScreeningDraft => d.kind === 'screening-answers' || d.kind === 'screening-finding';
export const isMediationDraft = (d: Draft): d is MediationDraft => d.kind === 'mediation-application' || d.kind === 'mediation-withdraw';

/** Drafts of the signed-in user, oldest first. A shallow ref: drafts hold Blobs and go to IndexedDB as they are. */
export const drafts = shallowRef<Draft[]>([]);
export const waitingCount = computed(() => drafts.value.length);
export const online = ref(typeof navigator === 'undefined' ? true : navigator.onLine);
export const sending = ref(false);
/** Bumped each time a draft reaches the server, so open lists reload. */
export const sentTick = ref(0);
/** What a sent ticket draft got back (number of a new ticket), by draft id, for the page that made it. */
export const sentTickets = ref<Record<string, { id: number; number: string }>>({});
/** What a sent 申请调解 draft got back (the case's id and number), by draft id. */
export const sentCases = ref<Record<string, { id: number; number: string }>>({});
/** Why the last run stopped: offline, the server down, or the session gone. */
export const stoppedBy = ref<'network' | 'server' | 'auth' | null>(null);

let userId: number | null = null;

/** A UUID v4 from getRandomValues (randomUUID needs a secure context, a phone on plain http has none). */
export function newKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function publish(list: Draft[]) {
  drafts.value = [...list].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function loadOutbox(forUser: number | null): Promise<void> {
  userId = forUser;
  publish(forUser === null ? [] : (await idbAll<Draft>('drafts')).filter((d) => d.userId === forUser));
}

async function store(d: Draft): Promise<void> {
  await idbPut('drafts', d);
  publish([...drafts.value.filter((x) => x.id !== d.id), d]);
}

/** Keeps a new draft (or the fixed version of a refused one) and tries to send it at once. */
export async function saveDraft(input: DraftInput): Promise<Draft> {
  if (userId === null) throw new Error('not signed in');
  const before = input.id ? drafts.value.find((d) => d.id === input.id) : undefined;
  const key = before?.key ?? newKey();
  const { id: _id, steps, ...content } = input;
  const d = {
    ...content, id: before?.id ?? newKey(), key, userId, createdAt: before?.createdAt ?? new Date().toISOString(), steps: steps(key),
    householdId: before?.householdId ?? null, state: 'pending', error: null, attempts: before?.attempts ?? 0,
  } as Draft;
  await store(d);
  void flush();
  return d;
}

export async function discard(id: string): Promise<void> {
  await idbDelete('drafts', id);
  publish(drafts.value.filter((d) => d.id !== id));
}

const fieldOf = (step: DraftStep, err: ApiError): string | null => {
  const prefix = step.fieldPrefix ?? '';
  if (prefix && !prefix.endsWith('.')) return prefix;
  return err.field ? prefix + err.field : prefix ? prefix.slice(0, -1) : null;
};

/** Sends one draft's remaining steps; returns why it stopped, or null when it is all through. */
async function sendDraft(d: Draft): Promise<'network' | 'server' | 'auth' | 'rejected' | null> {
  d.attempts += 1;
  for (const step of d.steps) {
    if (step.done) continue;
    const url = step.url.replace('{household}', String(d.householdId)).replace('{ticket}', isTicketDraft(d) ? String(d.ticket.ticketId) : '');
    try {
      const res = await send<{ id?: number; number?: string }>(step.method, url, { json: step.body, photo: step.photo, idempotencyKey: step.key });
      step.done = true;
      if (step.createsHousehold && res?.id) d.householdId = res.id;
      if (step.createsTicket && res?.id && isTicketDraft(d)) {
        d.ticket = { ...d.ticket, ticketId: res.id };
        sentTickets.value = { ...sentTickets.value, [d.id]: { id: res.id, number: res.number ?? '' } };
      }
      if (step.createsCase && res?.id) sentCases.value = { ...sentCases.value, [d.id]: { id: res.id, number: res.number ?? '' } };
      await store(d);
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught;
      let err = caught;
      if (err.status === 404 && step.doneIfGone) {
        try {
          if (await deregisteredAlready(step.doneIfGone)) {
            step.done = true;
            await store(d);
            continue;
          }
        } catch (asked) {
          if (!(asked instanceof ApiError)) throw asked;
          if (asked.status === 0 || asked.status >= 500) err = asked; // could not ask: try again later
        }
      }
      const why = err.status === 0 ? 'network' : err.status === 401 ? 'auth'
        : err.status >= 500 || err.code === 'idempotency_in_progress' || err.status === 429 ? 'server' : 'rejected';
      d.error = { status: err.status, code: err.code, message: err.message, field: why === 'rejected' ? fieldOf(step, err) : null, at: new Date().toISOString() };
      if (why === 'rejected') d.state = 'rejected';
      await store(d);
      return why;
    }
  }
  await discard(d.id);
  sentTick.value += 1;
  return null;
}

/** Whether the record's history (readable after 注销) ends in a deregistration: then a 404 means our earlier send got through. */
async function deregisteredAlready(historyUrl: string): Promise<boolean> {
  const { items } = await send<{ items: { action: string }[] }>('GET', historyUrl);
  return items.some((i) => i.action === 'deregister');
}

let running: Promise<number> | null = null;

/** Sends every waiting draft in order; stops at the first network or server failure. Returns how many went through. */
export function flush(): Promise<number> {
  running ??= (async () => {
    sending.value = true;
    stoppedBy.value = null;
    let sent = 0;
    try {
      for (const d of drafts.value.filter((x) => x.state === 'pending')) {
        const why = await sendDraft({ ...d, steps: d.steps.map((s) => ({ ...s })) });
        if (why === null) sent += 1;
        else if (why !== 'rejected') {
          stoppedBy.value = why;
          break;
        }
      }
    } finally {
      sending.value = false;
      running = null;
    }
    return sent;
  })();
  return running;
}

/** "重新发送": refused drafts are tried again too (the worker may have fixed the cause elsewhere). */
export async function resendAll(): Promise<number> {
  for (const d of drafts.value.filter((x) => x.state === 'rejected')) await store({ ...d, state: 'pending' });
  return flush();
}

let installed = false;
/** Sends when the network comes back, and every 30 s while something waits and the phone thinks it is online. */
export function watchNetwork(): void {
  if (installed) return;
  installed = true;
  window.addEventListener('online', () => {
    online.value = true;
    void flush();
  });
  window.addEventListener('offline', () => {
    online.value = false;
  });
  window.setInterval(() => {
    if (navigator.onLine && drafts.value.some((d) => d.state === 'pending') && !sending.value) void flush();
  }, 30_000);
}
