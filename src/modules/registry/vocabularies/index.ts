import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import { EDUCATION, ETHNICITY, INDUSTRY, POLITICAL_STATUS, RELATION, SEX, type CodeItem } from './national-lists.ts';
import { BUILDING_KIND, HOUSEHOLD_KIND, ORGANISATION_KIND, ORGANISATION_STATUS, RENTAL_PURPOSE, RESIDENCE_TYPE } from './local-lists.ts';
import { BUILTIN_TAGS } from './builtin-tags.ts';

export type { CodeItem } from './national-lists.ts';
export { BUILTIN_TAGS, TAG_CATEGORIES, type BuiltinTag } from './builtin-tags.ts';

/** Every coded field's list, keyed by the name of the column it fills. */
export const VOCABULARIES = {
  sex: SEX,
  ethnicity: ETHNICITY,
  political_status: POLITICAL_STATUS,
  education: EDUCATION,
  relation: RELATION,
  industry: INDUSTRY,
  residence_type: RESIDENCE_TYPE,
  organisation_kind: ORGANISATION_KIND,
  organisation_status: ORGANISATION_STATUS,
  rental_purpose: RENTAL_PURPOSE,
  household_kind: HOUSEHOLD_KIND,
  building_kind: BUILDING_KIND,
} satisfies Record<string, CodeItem[]>;

export type VocabularyName = keyof typeof VOCABULARIES;

const index = new Map<string, Map<string, string>>(
  Object.entries(VOCABULARIES).map(([list, codes]) => [list, new Map(codes.map((c) => [c.code, c.name]))]),
);

/** True when `code` is in `list` (in memory, no query); false for an unknown list. */
export function isCode(list: string, code: string): boolean {
  return index.get(list)?.has(code) ?? false;
}

/** The name of a code, or undefined. */
export function codeName(list: string, code: string | null | undefined): string | undefined {
  return code == null ? undefined : index.get(list)?.get(code);
}

/** Writes the lists into `vocabulary`; names and order are refreshed, so it is safe to run again. */
export async function seedVocabularies(db: Kysely<DB>): Promise<number> {
  const rows = Object.entries(VOCABULARIES).flatMap(([list, codes]) => codes.map((c, i) => ({ list, code: c.code, name: c.name, sort: i + 1 })));
  await db.insertInto('vocabulary').values(rows)
    .onConflict((oc) => oc.columns(['list', 'code']).doUpdateSet({ name: sql`excluded.name`, sort: sql`excluded.sort` }))
    .execute();
  return rows.length;
}

/** Adds the built-in tags to a city; tags the city already has (or edited) are left alone. */
export async function seedBuiltinTags(db: Kysely<DB>, cityCode: string): Promise<number> {
  const r = await db.insertInto('tag').values(BUILTIN_TAGS.map((t) => ({
    city_code: cityCode, code: t.code, name: t.name, category: t.category, applies_to: t.appliesTo, description: t.description, builtin: true,
  }))).onConflict((oc) => oc.columns(['city_code', 'code']).doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}

/** The reference data the registry needs: code lists once, built-in tags for each city. */
export async function seedRegistryReference(db: Kysely<DB>, cityCodes: string[]): Promise<void> {
  await seedVocabularies(db);
  for (const city of cityCodes) await seedBuiltinTags(db, city);
}
