import { sql } from 'kysely';
import { baseWhere, yearsBefore, type Cond, type RunContext } from './conditions.ts';
import { VOCABULARIES } from '../registry/vocabularies/index.ts';
import { RESIDENCE_TYPES, type PersonFilter } from './spec.ts';

/**
 * People are the big table (a district has ~600k), and one template alone asks a dozen
 * questions of each person. Evaluating every measure on every row costs ~40 ns × measures
 * × people; instead one pass folds the people into a small cube — row area × residence
 * type × sex × age band × code-set bits × tag bits, with a head count per cell (a few
 * thousand cells) — and every measure is then a FILTER sum over the cube. The bands and
 * bits are only those the batch's filters need, so the cube stays small and the numbers exact.
 */

const VOCAB_FIELDS = { ethnicity: 'ethnicity', education: 'education', politicalStatus: 'political_status' } as const;
type VocabKey = keyof typeof VOCAB_FIELDS;

/** Someone born after the reference date has no age yet: any age bound implies a minimum of 0. */
const ageMinOf = (f: PersonFilter) => f.ageMin ?? (f.ageMax !== undefined ? 0 : undefined);
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);
const setKey = (codes: string[]) => [...codes].sort().join(',');

/** The dimensions a batch of person filters needs. */
class Dimensions {
  residence = false;
  sex = false;
  /** Birth-date thresholds (sorted): a band is the number of thresholds at or before the birth date. */
  thresholds: string[] = [];
  tags: string[] = [];
  /** Code sets per field (少数民族, 大专以上 …), one bit each. */
  sets: { key: VocabKey; codes: string[] }[] = [];

  constructor(filters: PersonFilter[], private rc: RunContext) {
    const dates = new Set<string>();
    for (const f of filters) {
      if (f.residenceType) this.residence = true;
      if (f.sex) this.sex = true;
      if (ageMinOf(f) !== undefined) dates.add(this.minCut(ageMinOf(f)!));
      if (f.ageMax !== undefined) dates.add(this.maxCut(f.ageMax));
      for (const t of [...(f.tagsAny ?? []), ...(f.tagsAll ?? [])]) if (!this.tags.includes(t)) this.tags.push(t);
      for (const key of Object.keys(VOCAB_FIELDS) as VocabKey[]) {
        const codes = f[key];
        if (codes && !this.sets.some((s) => s.key === key && setKey(s.codes) === setKey(codes))) this.sets.push({ key, codes });
      }
    }
    this.thresholds = [...dates].sort();
  }

  /** Whether the keys have room: tags in a bigint, code sets above the 9 bits of residence, sex and age band. */
  fits() { return this.tags.length <= 62 && this.sets.length <= 22 && this.thresholds.length <= 63; }

  /** Age ≥ n ⇔ born before the day after (date − n years). */
  minCut(n: number) { return nextDay(yearsBefore(this.rc.date, n)); }
  /** Age ≤ n ⇔ born on or after the day after (date − (n+1) years). */
  maxCut(n: number) { return nextDay(yearsBefore(this.rc.date, n + 1)); }
  band(date: string) { return this.thresholds.indexOf(date) + 1; }
  tagMask(codes: string[]) { return codes.reduce((m, c) => m | (1n << BigInt(this.tags.indexOf(c))), 0n); }
  setBit(key: VocabKey, codes: string[]) { return 1 << this.sets.findIndex((s) => s.key === key && setKey(s.codes) === setKey(codes)); }
}

/**
 * The band of p.birth_date among thresholds[lo..hi): how many of them are at or before it,
 * as a balanced tree of date comparisons (width_bucket over a date array costs ~4× more).
 */
function bandOf(thresholds: string[], lo: number, hi: number): Cond {
  if (lo === hi) return sql.lit(lo);
  const mid = (lo + hi) >> 1;
  return sql`CASE WHEN p.birth_date < ${thresholds[mid]}::date THEN ${bandOf(thresholds, lo, mid)} ELSE ${bandOf(thresholds, mid + 1, hi)} END`;
}

/** The cube's FILTER condition for one person filter. */
function predicate(f: PersonFilter, d: Dimensions): Cond[] {
  const out: Cond[] = [];
  // code = residence (2 bits) | sex (1) << 2 | age band (6) << 3 | code-set bits << 9
  if (f.residenceType) out.push(sql`(cube.code & 3) IN (${sql.join(f.residenceType.map((r) => sql.lit((RESIDENCE_TYPES as readonly string[]).indexOf(r))))})`);
  if (f.sex) out.push(sql`((cube.code >> 2) & 1) = ${sql.lit(Number(f.sex) - 1)}`);
  if (ageMinOf(f) !== undefined) out.push(sql`((cube.code >> 3) & 63) < ${sql.lit(d.band(d.minCut(ageMinOf(f)!)))}`);
  if (f.ageMax !== undefined) out.push(sql`((cube.code >> 3) & 63) >= ${sql.lit(d.band(d.maxCut(f.ageMax)))}`);
  if (f.tagsAny) out.push(sql`(cube.m & ${sql.raw(String(d.tagMask(f.tagsAny)))}::bigint) <> 0`);
  if (f.tagsAll) { const m = String(d.tagMask(f.tagsAll)); out.push(sql`(cube.m & ${sql.raw(m)}::bigint) = ${sql.raw(m)}::bigint`); }
  for (const key of Object.keys(VOCAB_FIELDS) as VocabKey[]) {
    const codes = f[key];
    if (codes) out.push(sql`((cube.code >> 9) & ${sql.lit(d.setBit(key, codes))}) <> 0`);
  }
  return out;
}

/**
 * Splits person filters into groups that each fit one cube's keys (almost always one group;
 * a batch testing more than 62 tags, 22 code sets or 63 age bounds needs more).
 */
export function cubeGroups(filters: PersonFilter[], rc: RunContext): number[][] {
  const groups: number[][] = [];
  let current: number[] = [];
  filters.forEach((f, i) => {
    if (current.length && !new Dimensions([...current.map((j) => filters[j]), f], rc).fits()) { groups.push(current); current = []; }
    current.push(i);
  });
  if (current.length) groups.push(current);
  return groups;
}

/**
 * The bit of one code set on p's column, tested in place when the set, or its complement in
 * the national list (the registry stores only listed codes), is short; null: join it instead.
 * 少数民族 is 55 of 58 ethnicity codes: "not 01, 97 or 98" costs less than a join per person.
 */
function setTest(key: VocabKey, codes: string[], bit: number): Cond | null {
  const col = sql.ref(`p.${VOCAB_FIELDS[key]}`);
  if (codes.length <= 8) return sql`(CASE WHEN ${col} = ANY(${codes}::text[]) THEN ${sql.lit(bit)} ELSE 0 END)`;
  const rest = VOCABULARIES[VOCAB_FIELDS[key]].map((c) => c.code).filter((c) => !codes.includes(c));
  if (rest.length <= 8) return sql`(CASE WHEN ${col} IS NOT NULL AND NOT (${col} = ANY(${rest}::text[])) THEN ${sql.lit(bit)} ELSE 0 END)`;
  return null;
}

/**
 * The tag bits of p from its own row (person.tag_codes, kept by a trigger from entity_tag): nothing
 * to do for the seven in eight people without tags, where a join would probe every one of them.
 */
function tagBits(tags: readonly string[]): Cond {
  const bits = tags.map((t, i) => sql`(CASE WHEN ${t} = ANY(p.tag_codes) THEN ${sql.raw(String(1n << BigInt(i)))}::bigint ELSE 0::bigint END)`);
  return sql`(CASE WHEN p.tag_codes IS NULL THEN 0::bigint ELSE ${sql.join(bits, sql` | `)} END)`;
}

/**
 * One statement for person measures (their filters without household-size tests; they must
 * fit one cube, see cubeGroups): rows (rk = row area path, or NULL for the total) with
 * c0, c1 … in the order given.
 */
export function personCube(filters: PersonFilter[], rc: RunContext, depth: number): Cond {
  const d = new Dimensions(filters, rc);
  if (!d.fits()) throw new Error('person filters do not fit one cube; split them with cubeGroups');
  const joins: Cond[] = [];
  // Code sets: a test in place when short, else a join on (code → bits): one hash probe, not 30 string comparisons per person.
  const vocabBits: Cond[] = [];
  for (const key of Object.keys(VOCAB_FIELDS) as VocabKey[]) {
    const joined = new Map<string, number>();
    for (const s of d.sets.filter((x) => x.key === key)) {
      const bit = d.setBit(key, s.codes);
      const test = setTest(key, s.codes, bit);
      if (test) vocabBits.push(test);
      else for (const code of s.codes) joined.set(code, (joined.get(code) ?? 0) | bit);
    }
    if (!joined.size) continue;
    const alias = sql.raw(`vs_${key}`);
    joins.push(sql` LEFT JOIN unnest(${[...joined.keys()]}::text[], ${[...joined.values()]}::int[]) AS ${alias}(code, bits) ON ${alias}.code = ${sql.ref(`p.${VOCAB_FIELDS[key]}`)}`);
    vocabBits.push(sql`coalesce(${alias}.bits, 0)`);
  }
  const res = d.residence ? sql`CASE p.residence_type ${sql.join(RESIDENCE_TYPES.map((r, i) => sql`WHEN ${r} THEN ${sql.lit(i)}`), sql` `)} END` : sql`0`;
  const sex = d.sex ? sql`(CASE p.sex WHEN '2' THEN 4 ELSE 0 END)` : sql`0`;
  const band = d.thresholds.length ? bandOf(d.thresholds, 0, d.thresholds.length) : sql`0`;
  const v = vocabBits.length ? sql.join(vocabBits, sql` | `) : sql`0`;
  const m = d.tags.length ? tagBits(d.tags) : sql`0::bigint`;
  // One integer key for the small dimensions: fewer key columns to hash and compare per person.
  // (PostgreSQL gives | and << the same precedence, left to right: hence every bracket.)
  const code = sql`(${res}) | (${sex}) | ((${band}) << 3) | ((${v}) << 9)`;
  // The row area as text: text hashes on every PostgreSQL version (ltree only from 16).
  const cube = sql`cube AS (SELECT subpath(p.grid_path, 0, least(nlevel(p.grid_path), ${sql.lit(depth)}))::text AS rk,
      ${code} AS code, ${m} AS m, count(*) AS n
    FROM person p${sql.join(joins, sql``)} WHERE ${baseWhere('person', rc)} GROUP BY 1, 2, 3)`;
  const sums = filters.map((f, i) => {
    const conds = predicate(f, d);
    return sql`coalesce(sum(cube.n)${conds.length ? sql` FILTER (WHERE ${sql.join(conds, sql` AND `)})` : sql``}, 0)::float8 AS ${sql.raw(`"c${i}"`)}`;
  });
  return sql`WITH ${cube} SELECT cube.rk, ${sql.join(sums)} FROM cube GROUP BY ROLLUP (cube.rk)`;
}
