/**
 * 预警规则, pure: the five rules, their default thresholds, the check of a city's edits, and which rules a
 * case's facts fire. Store and service hold the SQL; nothing here reads the clock or the database.
 */

export const LEVELS = {
  attention: { zh: '关注', en: 'attention' },
  warning: { zh: '预警', en: 'warning' },
  urgent: { zh: '紧急', en: 'urgent' },
} as const;
export type Level = keyof typeof LEVELS;

/** The risk words 人民调解法 第二十五条 is about (激化 to violence, self-harm, 闹事); a city edits its own list. */
export const DEFAULT_WORDS = ['扬言', '报复', '持刀', '同归于尽', '自杀', '跳楼', '上访闹事', '放火', '拼命', '砍死'];

export interface RuleParams {
  many_parties: { minPeople: number };
  repeat_parties: { withinDays: number; minCases: number; minShared: number };
  repeat_place: { withinDays: number; minCases: number; radiusMetres: number };
  violent_words: { words: string[] };
  overdue: { graceDays: number };
}
export type RuleKey = keyof RuleParams;
export interface Rule<K extends RuleKey = RuleKey> { rule: K; enabled: boolean; level: Level; police: boolean; params: RuleParams[K] }
export type RuleSet = { [K in RuleKey]: Rule<K> };

export const RULES: { [K in RuleKey]: { zh: string; en: string; defaults: Omit<Rule<K>, 'rule'> } } = {
  many_parties: { zh: '涉及人数多', en: 'many people involved', defaults: { enabled: true, level: 'warning', police: false, params: { minPeople: 5 } } },
  repeat_parties: { zh: '同一当事人重复纠纷', en: 'repeated disputes between the same parties', defaults: { enabled: true, level: 'warning', police: false, params: { withinDays: 180, minCases: 2, minShared: 2 } } },
  repeat_place: { zh: '同一地点重复纠纷', en: 'repeated disputes at the same place', defaults: { enabled: true, level: 'attention', police: false, params: { withinDays: 30, minCases: 3, radiusMetres: 200 } } },
  violent_words: { zh: '暴力风险言语', en: 'violent-risk words', defaults: { enabled: true, level: 'urgent', police: true, params: { words: DEFAULT_WORDS } } },
  overdue: { zh: '超过调解期限', en: 'deadline passed', defaults: { enabled: true, level: 'warning', police: false, params: { graceDays: 0 } } },
};
export const RULE_KEYS = Object.keys(RULES) as RuleKey[];

export function defaultRules(): RuleSet {
  const out = {} as Record<RuleKey, Rule>;
  for (const k of RULE_KEYS) out[k] = { rule: k, ...structuredClone(RULES[k].defaults) } as Rule;
  return out as RuleSet;
}

/** A refusal naming the field, as the kernel's invalidField wants it. */
export interface ParamProblem { field: string; zh: string; en: string }

const whole = (v: unknown, field: string, min: number, max: number, what: string): ParamProblem | null =>
  Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? null : { field, zh: `${what}应为 ${min} 到 ${max} 的整数`, en: `a whole number from ${min} to ${max}` };

/** Checks a city's edit of one rule; the params must be exactly the rule's (no stray keys). */
export function checkRule(rule: RuleKey, input: { enabled: boolean; level: string; police: boolean; params: Record<string, unknown> }): { ok: true; value: Rule } | { ok: false; problem: ParamProblem } {
  const fail = (field: string, zh: string, en: string) => ({ ok: false as const, problem: { field, zh, en } });
  if (!(input.level in LEVELS)) return fail('level', '等级应为 attention 关注、warning 预警、urgent 紧急 之一', 'one of attention, warning, urgent');
  if (rule === 'violent_words' && !input.police) return fail('police', '暴力风险言语依《人民调解法》第二十五条必须报告公安机关', 'violent-risk words are always reported to the police (Art. 25)');
  const p = input.params;
  const expected = Object.keys(RULES[rule].defaults.params);
  const stray = Object.keys(p).find((k) => !expected.includes(k));
  if (stray) return fail(`params.${stray}`, `规则「${RULES[rule].zh}」没有参数 ${stray}，应为 ${expected.join('、')}`, `no such parameter; expected ${expected.join(', ')}`);
  const problems: (ParamProblem | null)[] = [];
  switch (rule) {
    case 'many_parties': problems.push(whole(p.minPeople, 'params.minPeople', 2, 10000, '人数下限')); break;
    case 'repeat_parties':
      problems.push(whole(p.withinDays, 'params.withinDays', 1, 3650, '天数'), whole(p.minCases, 'params.minCases', 2, 50, '纠纷起数'), whole(p.minShared, 'params.minShared', 1, 10, '相同当事人数'));
      break;
    case 'repeat_place':
      problems.push(whole(p.withinDays, 'params.withinDays', 1, 3650, '天数'), whole(p.minCases, 'params.minCases', 2, 50, '纠纷起数'), whole(p.radiusMetres, 'params.radiusMetres', 0, 5000, '半径（米）'));
      break;
    case 'violent_words': {
      const w = p.words;
      if (!Array.isArray(w) || w.length < 1 || w.length > 200) return fail('params.words', '风险词应为 1 到 200 个词的列表', 'a list of 1 to 200 words');
      const bad = w.findIndex((x) => typeof x !== 'string' || x.trim().length < 1 || x.trim().length > 20);
      if (bad >= 0) return fail(`params.words[${bad}]`, '每个风险词 1 到 20 个字', 'each word 1 to 20 characters');
      p.words = [...new Set(w.map((x: string) => x.trim()))];
      break;
    }
    case 'overdue': problems.push(whole(p.graceDays, 'params.graceDays', 0, 90, '宽限天数')); break;
  }
  const first = problems.find((x) => x);
  if (first) return { ok: false, problem: first };
  return { ok: true, value: { rule, enabled: input.enabled, level: input.level as Level, police: input.police, params: p } as Rule };
}

/** An earlier case that may make this one a repeat: its parties in common, its place and when. */
export interface EarlierCase { id: number; number: string; registeredAt: Date; shared: number; gridCode: string | null; lon: number | null; lat: number | null }

/** What the rules look at on one open case. */
export interface CaseFacts {
  id: number;
  registeredAt: Date;
  peopleInvolved: number;
  summary: string;
  minutes: string[];
  dueAt: Date | null;
  gridCode: string | null;
  lon: number | null;
  lat: number | null;
  /** Cases of the city registered before this one (newest first), sharing a party or near it. */
  earlier: EarlierCase[];
}

/** A rule that fired: its reason (Chinese, shown to staff and the police), what fired it, and the related cases. */
export interface Hit { rule: RuleKey; level: Level; police: boolean; reason: string; trigger: string; data: Record<string, unknown> }

const DAY = 86_400_000;

/** Metres between two WGS84 points (haversine; the earth as a sphere is close enough at a few hundred metres). */
export function metresBetween(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}

const numbersOf = (list: EarlierCase[]) => list.slice(0, 5).map((c) => c.number).join('、') + (list.length > 5 ? ` 等 ${list.length} 起` : '');
const idsKey = (list: EarlierCase[]) => list.map((c) => c.id).sort((a, b) => a - b).join(',');

/** The risk words found in the summary and the session minutes, in the list's order. */
export function riskWords(words: readonly string[], texts: readonly string[]): string[] {
  return words.filter((w) => texts.some((t) => t.includes(w)));
}

/**
 * Which enabled rules the case's facts fire at `now`. Thresholds are inclusive ("≥ N"): a case with
 * exactly minPeople people fires, one fewer does not. Repeats look only at earlier cases, so the warning
 * lands on the newest dispute of a series, not on every one of them.
 */
export function fire(facts: CaseFacts, rules: RuleSet, now: Date): Hit[] {
  const hits: Hit[] = [];
  const hit = (r: Rule, reason: string, trigger: string, data: Record<string, unknown> = {}) =>
    hits.push({ rule: r.rule, level: r.level, police: r.police, reason, trigger, data });

  const many = rules.many_parties;
  if (many.enabled && facts.peopleInvolved >= many.params.minPeople) {
    hit(many, `涉及 ${facts.peopleInvolved} 人，达到群体性纠纷预警线（${many.params.minPeople} 人）`, `>=${many.params.minPeople}`, { people: facts.peopleInvolved });
  }

  const parties = rules.repeat_parties;
  if (parties.enabled) {
    const since = facts.registeredAt.getTime() - parties.params.withinDays * DAY;
    const same = facts.earlier.filter((c) => c.shared >= parties.params.minShared && c.registeredAt.getTime() >= since);
    if (same.length + 1 >= parties.params.minCases) {
      hit(parties, `同一当事人 ${parties.params.withinDays} 日内第 ${same.length + 1} 起纠纷（此前：${numbersOf(same)}）`, idsKey(same), { related: same.map((c) => c.id) });
    }
  }

  const place = rules.repeat_place;
  if (place.enabled && (facts.gridCode || (facts.lon !== null && facts.lat !== null))) {
    const since = facts.registeredAt.getTime() - place.params.withinDays * DAY;
    const near = facts.earlier.filter((c) => c.registeredAt.getTime() >= since && (
      (facts.gridCode !== null && c.gridCode === facts.gridCode)
      || (place.params.radiusMetres > 0 && facts.lon !== null && facts.lat !== null && c.lon !== null && c.lat !== null
        && metresBetween({ lon: facts.lon, lat: facts.lat }, { lon: c.lon, lat: c.lat }) <= place.params.radiusMetres)));
    if (near.length + 1 >= place.params.minCases) {
      const where = place.params.radiusMetres > 0 ? `同一网格或 ${place.params.radiusMetres} 米内` : '同一网格';
      hit(place, `${where} ${place.params.withinDays} 日内第 ${near.length + 1} 起纠纷（此前：${numbersOf(near)}）`, idsKey(near), { related: near.map((c) => c.id) });
    }
  }

  const words = rules.violent_words;
  if (words.enabled) {
    const inSummary = riskWords(words.params.words, [facts.summary]);
    const inMinutes = riskWords(words.params.words, facts.minutes);
    const found = words.params.words.filter((w) => inSummary.includes(w) || inMinutes.includes(w));
    if (found.length) {
      const where = [inSummary.length && '纠纷简要情况', inMinutes.length && '调解记录'].filter(Boolean).join('、');
      hit(words, `${where}中出现暴力风险言语：${found.map((w) => `「${w}」`).join('')}`, [...found].sort().join(','), { words: found });
    }
  }

  const late = rules.overdue;
  if (late.enabled && facts.dueAt && now.getTime() > facts.dueAt.getTime() + late.params.graceDays * DAY) {
    const days = Math.floor((now.getTime() - facts.dueAt.getTime()) / DAY);
    hit(late, `已超过调解期限${days > 0 ? ` ${days} 天` : ''}，尚未办结`, facts.dueAt.toISOString(), { dueAt: facts.dueAt.toISOString() });
  }
  return hits;
}

/** The reason given to the police when a warning reports the case under 第二十五条. */
export const policeReason = (h: Hit) => `【${RULES[h.rule].zh}】${h.reason}。依《人民调解法》第二十五条，纠纷有激化可能，报告公安机关。`;
