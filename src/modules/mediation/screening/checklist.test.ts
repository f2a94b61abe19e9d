import { describe, expect, it } from 'vitest';
import { applyAnswers, checkChecklist, DEFAULT_CHECKLIST } from './checklist.ts';

describe('排查清单', () => {
  it('defaults to the usual six items with keys c1… and their categories; refuses duplicates and bad categories', () => {
    const r = checkChecklist(undefined);
    expect(r).toMatchObject({ ok: true });
    if (!r.ok) return;
    expect(r.items.map((i) => `${i.key} ${i.name} ${i.category}`)).toEqual(DEFAULT_CHECKLIST.map((d, i) => `c${i + 1} ${d.name} ${d.category}`));
    expect(checkChecklist([{ name: '邻里纠纷' }, { name: ' 邻里纠纷 ' }])).toMatchObject({ ok: false, field: 'checklist[1].name' });
    expect(checkChecklist([{ name: '矛盾', category: 'nope' }])).toMatchObject({ ok: false, field: 'checklist[0].category' });
    expect(checkChecklist([])).toMatchObject({ ok: false, field: 'checklist' });
    expect(checkChecklist([{ name: '其他矛盾' }])).toMatchObject({ ok: true, items: [{ key: 'c1', category: 'other' }] });
  });

  it('answers merge; a finding needs a note; done needs every item; status follows', () => {
    const items = [{ key: 'c1', name: '婚姻家庭矛盾', category: 'family' }, { key: 'c2', name: '邻里纠纷', category: 'neighbour' }];
    expect(applyAnswers(items, {}, [], false)).toMatchObject({ ok: true, status: 'pending' });
    const first = applyAnswers(items, {}, [{ item: 'c1', found: false }], false);
    expect(first).toMatchObject({ ok: true, status: 'in_progress', answers: { c1: { found: false, note: null } } });
    expect(applyAnswers(items, {}, [{ item: 'c1', found: false }], true)).toMatchObject({ ok: false, field: 'done' });
    expect(applyAnswers(items, {}, [{ item: 'c2', found: true }], false)).toMatchObject({ ok: false, field: 'answers[0].note' });
    expect(applyAnswers(items, {}, [{ item: 'c3', found: false }], false)).toMatchObject({ ok: false, field: 'answers[0].item' });
    expect(applyAnswers(items, {}, [{ item: 'c1', found: false }, { item: 'c1', found: false }], false)).toMatchObject({ ok: false, field: 'answers[1].item' });
    if (!first.ok) return;
    expect(applyAnswers(items, first.answers, [{ item: 'c2', found: true, note: '3号楼两户因噪音多次争吵' }], true))
      .toMatchObject({ ok: true, status: 'done', answers: { c1: { found: false }, c2: { found: true, note: '3号楼两户因噪音多次争吵' } } });
  });
});
