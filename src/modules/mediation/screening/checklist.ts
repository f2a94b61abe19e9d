import { CATEGORIES, type Category } from '../terms.ts';

/**
 * 排查清单, pure: a campaign's checklist items, a grid worker's answers to them, and the task's status
 * that follows. An item has a key (c1, c2 … fixed at creation), a name and the dispute category a
 * finding under it is filed as by default.
 */

/** As stored in the campaign's jsonb: the category is one of CATEGORIES (checked when the campaign was made). */
export interface ChecklistItem { key: string; name: string; category: string }
/** 未发现 (found: false) or 发现 with a note of what. */
export interface Answer { found: boolean; note: string | null }
export type Answers = Record<string, Answer>;
export type TaskStatus = 'pending' | 'in_progress' | 'done';

export const TASK_STATUSES: Record<TaskStatus, string> = { pending: '未开始', in_progress: '排查中', done: '已完成' };

/** The usual items of a 矛盾纠纷排查 (a campaign may name its own). */
export const DEFAULT_CHECKLIST: { name: string; category: Category }[] = [
  { name: '婚姻家庭矛盾', category: 'family' },
  { name: '邻里纠纷', category: 'neighbour' },
  { name: '拖欠农民工工资', category: 'labour' },
  { name: '征地拆迁', category: 'expropriation' },
  { name: '物业纠纷', category: 'property_mgmt' },
  { name: '涉众型经济纠纷', category: 'contract' },
];

export type Refused = { ok: false; field: string; zh: string; en: string };
const refuse = (field: string, zh: string, en: string): Refused => ({ ok: false, field, zh, en });

/** The campaign's items: 1–30, names 2–30 characters and distinct, categories of the list. */
export function checkChecklist(input: { name: string; category?: string }[] | undefined): { ok: true; items: ChecklistItem[] } | Refused {
  const list = input ?? DEFAULT_CHECKLIST;
  if (list.length < 1 || list.length > 30) return refuse('checklist', '排查清单应有 1 到 30 项', '1 to 30 items');
  const seen = new Set<string>();
  const items: ChecklistItem[] = [];
  for (const [i, it] of list.entries()) {
    const name = it.name.trim();
    if (name.length < 2 || name.length > 30) return refuse(`checklist[${i}].name`, '排查事项名称 2 到 30 个字', 'a name of 2 to 30 characters');
    if (seen.has(name)) return refuse(`checklist[${i}].name`, `排查事项「${name}」重复`, 'the same item twice');
    seen.add(name);
    const category = (it.category ?? 'other') as Category;
    if (!(category in CATEGORIES)) return refuse(`checklist[${i}].category`, '纠纷类别不在列表中', `one of ${Object.keys(CATEGORIES).join(', ')}`);
    items.push({ key: `c${i + 1}`, name, category });
  }
  return { ok: true, items };
}

/**
 * Merges answers into a task's: each names a checklist item once; a finding (found) carries a note of what
 * was found. `done` asks to finish the task, which needs every item answered. Returns the answers and the
 * status they give (pending only while nothing is answered).
 */
export function applyAnswers(items: ChecklistItem[], before: Answers, input: { item: string; found: boolean; note?: string }[], done: boolean):
  { ok: true; answers: Answers; status: TaskStatus } | Refused {
  const answers: Answers = { ...before };
  const keys = new Set<string>();
  for (const [i, a] of input.entries()) {
    if (!items.some((it) => it.key === a.item)) return refuse(`answers[${i}].item`, `清单中没有 ${a.item}，应为 ${items.map((it) => `${it.key} ${it.name}`).join('、')} 之一`, `no such item; one of ${items.map((it) => it.key).join(', ')}`);
    if (keys.has(a.item)) return refuse(`answers[${i}].item`, `${a.item} 重复作答`, 'the same item twice');
    keys.add(a.item);
    const note = a.note?.trim() || null;
    if (a.found && (!note || note.length < 2)) return refuse(`answers[${i}].note`, '发现矛盾纠纷时须填写情况说明', 'a finding needs a note of what was found');
    if (note && note.length > 500) return refuse(`answers[${i}].note`, '情况说明不超过 500 字', 'at most 500 characters');
    answers[a.item] = { found: a.found, note };
  }
  const missing = items.filter((it) => !answers[it.key]);
  if (done && missing.length) return refuse('done', `尚有未排查的事项：${missing.map((it) => it.name).join('、')}`, `items not answered yet: ${missing.map((it) => it.key).join(', ')}`);
  const status: TaskStatus = done ? 'done' : Object.keys(answers).length ? 'in_progress' : 'pending';
  return { ok: true, answers, status };
}
