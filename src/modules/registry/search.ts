import { Type, type Static } from '@sinclair/typebox';
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Caller } from '../../kernel/auth/caller.ts';
import { checkCreditCode, checkIdNumber, checkPhone, normaliseCode } from '../../kernel/validators/index.ts';
import { likePattern, visibleTo } from './area-scope.ts';
import { escapeLike } from '../../kernel/sql-like.ts';
import { PersonOut } from './people-schema.ts';
import { peopleOut, selectPeople } from './people-store.ts';
import { Nullable } from './schema.ts';

/** One search box for the registry (一键查询): people, households and organisations, always inside the caller's scope. */

export const SearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 100, description: 'a name, a full ID number, a phone number, an address, an organisation name or credit code' }),
  limit: Type.Integer({ minimum: 1, maximum: 50, default: 20, description: 'per kind of record' }),
}, { additionalProperties: false });

export const SearchOut = Type.Object({
  matchedBy: Type.String({ description: 'idNumber, phone, creditCode or text' }),
  people: Type.Array(PersonOut),
  households: Type.Array(Type.Object({ id: Type.Integer(), gridCode: Type.String(), address: Type.String(), headName: Nullable(Type.String()) })),
  organisations: Type.Array(Type.Object({ id: Type.Integer(), kind: Type.String(), name: Type.String(), creditCode: Nullable(Type.String()), gridCode: Type.String() })),
});
export type SearchOut = Static<typeof SearchOut>;

/**
 * Whether pg_trgm makes trigrams of Chinese text: only when the database's LC_CTYPE knows
 * Chinese characters (C.UTF-8, zh_CN.UTF-8), not under plain C.
 */
export async function chineseTrigramsWork(db: Kysely<DB>): Promise<boolean> {
  const r = await sql<{ n: number }>`SELECT cardinality(show_trgm('张三丰')) AS n`.execute(db);
  return Number(r.rows[0]?.n ?? 0) > 0;
}

/**
 * Names match by substring, by pg_trgm similarity (see chineseTrigramsWork) and, everywhere,
 * with one character wrong or missing: 张山丰 finds 张三丰.
 */
function fuzzyName(column: string, text: string): Expression<SqlBool> {
  const chars = [...text];
  const oneOff = chars.length >= 3 ? chars.map((_, i) => `%${chars.filter((__, j) => j !== i).map(escapeLike).join('%')}%`) : [];
  const ref = sql.ref(column);
  return sql<SqlBool>`(${ref} ILIKE ${likePattern(text)} OR similarity(${ref}, ${text}) >= 0.3${oneOff.length ? sql` OR ${ref} ILIKE ANY(${oneOff}::text[])` : sql``})`;
}
const rank = (column: string, text: string) => sql`(${sql.ref(column)} = ${text}) DESC, (${sql.ref(column)} ILIKE ${likePattern(text)}) DESC, similarity(${sql.ref(column)}, ${text}) DESC, length(${sql.ref(column)})`;

export async function searchRegistry(db: Kysely<DB>, caller: Caller, q: string, limit: number): Promise<SearchOut> {
  const text = q.trim();
  const code = normaliseCode(text);
  const phone = checkPhone(text);
  const people = selectPeople(db, caller).limit(limit);
  const households = db.selectFrom('household as h')
    .leftJoin('person as hp', (j) => j.onRef('hp.city_code', '=', 'h.city_code').onRef('hp.id', '=', 'h.head_person_id'))
    .select(['h.id', 'h.grid_code', 'h.address', 'hp.name as head_name']).where(visibleTo(caller, 'h')).limit(limit);
  const orgs = db.selectFrom('organisation as o').select(['o.id', 'o.kind', 'o.name', 'o.credit_code', 'o.grid_code']).where(visibleTo(caller, 'o')).limit(limit);

  let matchedBy: string;
  let found: [Awaited<ReturnType<typeof people.execute>>, Awaited<ReturnType<typeof households.execute>>, Awaited<ReturnType<typeof orgs.execute>>];
  // An all-digit credit code looks like an ID number: the check characters tell them apart.
  const isCredit = checkCreditCode(code).ok && !checkIdNumber(code).ok;
  if (/^[0-9]{17}[0-9X]$/.test(code) && !isCredit) {
    matchedBy = 'idNumber';
    found = [await people.where('p.id_number', '=', code).execute(), [], []];
  } else if (isCredit) {
    matchedBy = 'creditCode';
    found = [[], [], await orgs.where('o.credit_code', '=', code).execute()];
  } else if (phone.ok) {
    matchedBy = 'phone';
    found = await Promise.all([
      people.where('p.phone', '=', phone.phone).orderBy('p.id').execute(),
      households.where('h.phone', '=', phone.phone).orderBy('h.id').execute(),
      orgs.where('o.phone', '=', phone.phone).orderBy('o.id').execute(),
    ]);
  } else {
    matchedBy = 'text';
    const like = likePattern(text);
    found = await Promise.all([
      people.where((eb) => eb.or([fuzzyName('p.name', text), eb('p.address', 'ilike', like)])).orderBy(rank('p.name', text)).orderBy('p.id').execute(),
      households.where((eb) => eb.or([eb('h.address', 'ilike', like), eb('hp.name', 'ilike', like)])).orderBy('h.id').execute(),
      orgs.where(fuzzyName('o.name', text)).orderBy(rank('o.name', text)).orderBy('o.id').execute(),
    ]);
  }
  return {
    matchedBy,
    people: await peopleOut(db, caller, found[0]),
    households: found[1].map((h) => ({ id: h.id, gridCode: h.grid_code, address: h.address, headName: h.head_name })),
    organisations: found[2].map((o) => ({ id: o.id, kind: o.kind, name: o.name, creditCode: o.credit_code, gridCode: o.grid_code })),
  };
}
