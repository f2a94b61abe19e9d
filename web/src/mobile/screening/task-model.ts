// The checklist as the phone edits it: the server's answers, with what this phone has saved but not
// sent yet laid over them, and the checks the server makes (a finding needs a note; done needs all).
import type { AnswersIn, TaskDetail } from '../../api/mediation';

export interface ItemAnswer { found: boolean | null; note: string }
export type AnswerForm = Record<string, ItemAnswer>;

export function answerForm(detail: TaskDetail, unsent: AnswersIn['answers'][]): AnswerForm {
  const form: AnswerForm = {};
  for (const c of detail.checklist) form[c.key] = { found: c.answer?.found ?? null, note: c.answer?.note ?? '' };
  for (const answers of unsent) for (const a of answers) if (form[a.item]) form[a.item] = { found: a.found, note: a.note ?? '' };
  return form;
}

/** Item key → what to fix; `missing` names the items not answered when finishing. */
export function checkAnswers(detail: TaskDetail, form: AnswerForm, done: boolean): { errors: Record<string, true>; missing: string[] } {
  const errors: Record<string, true> = {};
  for (const c of detail.checklist) {
    const a = form[c.key];
    if (a?.found && a.note.trim().length < 2) errors[c.key] = true;
  }
  const missing = done ? detail.checklist.filter((c) => form[c.key]?.found == null).map((c) => c.name) : [];
  return { errors, missing };
}

/** The answers given so far, as the server takes them (unanswered items left out). */
export function answersBody(detail: TaskDetail, form: AnswerForm): AnswersIn['answers'] {
  return detail.checklist.filter((c) => form[c.key]?.found != null).map((c) => {
    const a = form[c.key];
    return a.found ? { item: c.key, found: true, note: a.note.trim() } : { item: c.key, found: false, ...(a.note.trim() ? { note: a.note.trim() } : {}) };
  });
}
