import { describe, expect, it } from 'vitest';
import { checkRule, defaultRules, fire, metresBetween, policeReason, type CaseFacts, type EarlierCase, type RuleSet } from './rules.ts';

const NOW = new Date('2026-06-15T10:00:00+08:00');
const DAY = 86_400_000;
const facts = (over: Partial<CaseFacts> = {}): CaseFacts => ({
  id: 10, registeredAt: NOW, peopleInvolved: 2, summary: '楼上漏水致楼下受损', minutes: [], dueAt: null, gridCode: 'G1', lon: 109.8, lat: 40.65, earlier: [], ...over,
});
const earlier = (id: number, daysAgo: number, over: Partial<EarlierCase> = {}): EarlierCase =>
  ({ id, number: `TJ2026-0000${id}`, registeredAt: new Date(NOW.getTime() - daysAgo * DAY), shared: 0, gridCode: 'G9', lon: null, lat: null, ...over });
/** Only the rule under test is on. */
const only = (k: keyof RuleSet, edit: (r: RuleSet) => void = () => {}): RuleSet => {
  const r = defaultRules();
  for (const key of Object.keys(r) as (keyof RuleSet)[]) r[key].enabled = key === k;
  edit(r);
  return r;
};
const rules = (hits: ReturnType<typeof fire>) => hits.map((h) => h.rule);

describe('预警规则 fire at their thresholds, not below', () => {
  it('many parties: ≥ minPeople (default 5)', () => {
    expect(rules(fire(facts({ peopleInvolved: 4 }), only('many_parties'), NOW))).toEqual([]);
    const [h] = fire(facts({ peopleInvolved: 5 }), only('many_parties'), NOW);
    expect(h).toMatchObject({ rule: 'many_parties', level: 'warning', police: false, trigger: '>=5' });
    expect(h.reason).toBe('涉及 5 人，达到群体性纠纷预警线（5 人）');
    expect(rules(fire(facts({ peopleInvolved: 30 }), only('many_parties', (r) => { r.many_parties.params.minPeople = 31; }), NOW))).toEqual([]);
  });

  it('repeat parties: the Nth case within D days sharing at least minShared parties', () => {
    const r = only('repeat_parties');
    expect(rules(fire(facts({ earlier: [earlier(1, 10, { shared: 1 })] }), r, NOW))).toEqual([]); // one person in common is not "the same parties"
    expect(rules(fire(facts({ earlier: [earlier(1, 181, { shared: 2 })] }), r, NOW))).toEqual([]); // outside 180 days
    const [h] = fire(facts({ earlier: [earlier(2, 20, { shared: 2 }), earlier(1, 180, { shared: 3 })] }), r, NOW);
    expect(h).toMatchObject({ rule: 'repeat_parties', trigger: '1,2', data: { related: [2, 1] } });
    expect(h.reason).toContain('180 日内第 3 起纠纷（此前：TJ2026-00002、TJ2026-00001）');
    const three = only('repeat_parties', (x) => { x.repeat_parties.params.minCases = 3; x.repeat_parties.params.minShared = 1; });
    expect(rules(fire(facts({ earlier: [earlier(1, 5, { shared: 1 })] }), three, NOW))).toEqual([]);
    expect(rules(fire(facts({ earlier: [earlier(1, 5, { shared: 1 }), earlier(2, 6, { shared: 1 })] }), three, NOW))).toEqual(['repeat_parties']);
  });

  it('repeat place: the same grid, or within R metres, within D days; the 3rd case by default', () => {
    const r = only('repeat_place');
    const sameGrid = (id: number, days: number) => earlier(id, days, { gridCode: 'G1' });
    expect(rules(fire(facts({ earlier: [sameGrid(1, 3)] }), r, NOW))).toEqual([]);
    expect(rules(fire(facts({ earlier: [sameGrid(1, 3), sameGrid(2, 31)] }), r, NOW))).toEqual([]);
    expect(fire(facts({ earlier: [sameGrid(1, 3), sameGrid(2, 30)] }), r, NOW)).toMatchObject([{ rule: 'repeat_place', level: 'attention', trigger: '1,2' }]);
    // Another grid, 150 m and 250 m away (0.001° of latitude ≈ 111 m).
    const at = (id: number, dLat: number) => earlier(id, 1, { gridCode: 'G2', lon: 109.8, lat: 40.65 + dLat });
    expect(metresBetween({ lon: 109.8, lat: 40.65 }, { lon: 109.8, lat: 40.65135 })).toBeCloseTo(150, 0);
    expect(rules(fire(facts({ earlier: [at(1, 0.00135), at(2, 0.00225)] }), r, NOW))).toEqual([]);
    expect(rules(fire(facts({ earlier: [at(1, 0.00135), at(2, 0.0017)] }), r, NOW))).toEqual(['repeat_place']);
    expect(rules(fire(facts({ earlier: [at(1, 0.00135), at(2, 0.0017)] }), only('repeat_place', (x) => { x.repeat_place.params.radiusMetres = 0; }), NOW))).toEqual([]);
  });

  it('violent words: in the summary or the minutes, the city’s list; always reported to the police', () => {
    const r = only('violent_words');
    expect(rules(fire(facts({ summary: '双方因停车位发生口角' }), r, NOW))).toEqual([]);
    const [h] = fire(facts({ summary: '被申请人扬言要报复', minutes: ['申请人称如不赔偿就同归于尽'] }), r, NOW);
    expect(h).toMatchObject({ rule: 'violent_words', level: 'urgent', police: true, trigger: '同归于尽,扬言,报复', data: { words: ['扬言', '报复', '同归于尽'] } });
    expect(h.reason).toBe('纠纷简要情况、调解记录中出现暴力风险言语：「扬言」「报复」「同归于尽」');
    expect(policeReason(h)).toContain('依《人民调解法》第二十五条');
    expect(rules(fire(facts({ summary: '他说要去堵门' }), only('violent_words', (x) => { x.violent_words.params.words = ['堵门']; }), NOW))).toEqual(['violent_words']);
  });

  it('overdue: past the deadline plus the grace days', () => {
    const r = only('overdue');
    expect(rules(fire(facts({ dueAt: new Date(NOW.getTime() + 1) }), r, NOW))).toEqual([]);
    expect(rules(fire(facts({ dueAt: NOW }), r, NOW))).toEqual([]);
    expect(fire(facts({ dueAt: new Date(NOW.getTime() - 1) }), r, NOW)).toMatchObject([{ rule: 'overdue', trigger: new Date(NOW.getTime() - 1).toISOString() }]);
    const grace = only('overdue', (x) => { x.overdue.params.graceDays = 2; });
    expect(rules(fire(facts({ dueAt: new Date(NOW.getTime() - 2 * DAY) }), grace, NOW))).toEqual([]);
    expect(rules(fire(facts({ dueAt: new Date(NOW.getTime() - 2 * DAY - 1) }), grace, NOW))).toEqual(['overdue']);
  });

  it('a disabled rule never fires', () => {
    const off = defaultRules();
    for (const r of Object.values(off)) r.enabled = false;
    expect(fire(facts({ peopleInvolved: 100, summary: '扬言报复', dueAt: new Date(0) }), off, NOW)).toEqual([]);
  });
});

describe('a city’s edit of a rule is checked naming the field', () => {
  it('refuses bad thresholds, stray params, and a violent-words rule without the police', () => {
    expect(checkRule('many_parties', { enabled: true, level: 'warning', police: false, params: { minPeople: 1 } })).toMatchObject({ ok: false, problem: { field: 'params.minPeople' } });
    expect(checkRule('many_parties', { enabled: true, level: 'warning', police: false, params: { minPeople: 5, x: 1 } })).toMatchObject({ ok: false, problem: { field: 'params.x' } });
    expect(checkRule('many_parties', { enabled: true, level: 'red', police: false, params: { minPeople: 5 } })).toMatchObject({ ok: false, problem: { field: 'level' } });
    expect(checkRule('repeat_place', { enabled: true, level: 'attention', police: false, params: { withinDays: 30, minCases: 3 } })).toMatchObject({ ok: false, problem: { field: 'params.radiusMetres' } });
    expect(checkRule('violent_words', { enabled: true, level: 'urgent', police: false, params: { words: ['扬言'] } })).toMatchObject({ ok: false, problem: { field: 'police' } });
    expect(checkRule('violent_words', { enabled: true, level: 'urgent', police: true, params: { words: ['扬言', ' '] } })).toMatchObject({ ok: false, problem: { field: 'params.words[1]' } });
    expect(checkRule('violent_words', { enabled: true, level: 'urgent', police: true, params: { words: [' 扬言', '扬言', '堵门'] } })).toMatchObject({ ok: true, value: { params: { words: ['扬言', '堵门'] } } });
    expect(checkRule('many_parties', { enabled: true, level: 'attention', police: true, params: { minPeople: 50 } })).toMatchObject({ ok: true, value: { rule: 'many_parties', police: true } });
  });
});
