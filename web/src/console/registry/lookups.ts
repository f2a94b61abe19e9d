// The code lists and the city's tags, fetched once and shared by every registry and report page.
import { ref, type Ref } from 'vue';
import { areasApi } from '../../api/areas';
import { registryApi, type Tag, type Vocabularies } from '../../api/registry';

const vocab = ref<Vocabularies>({});
const tags = ref<Tag[]>([]);
let vocabLoad: Promise<void> | null = null;
let tagsLoad: Promise<void> | null = null;

export function useVocabularies(): Ref<Vocabularies> {
  vocabLoad ??= registryApi.vocabularies().then((v) => { vocab.value = v; }, () => { vocabLoad = null; });
  return vocab;
}

/** The city's tags (all, active or not); `refresh` after a tag is added or changed. */
export function useTags(): { tags: Ref<Tag[]>; refresh: () => Promise<void> } {
  const refresh = () => (tagsLoad = registryApi.tags().then((t) => { tags.value = t; }, (err) => { tagsLoad = null; throw err; }));
  if (!tagsLoad) refresh().catch(() => {}); // a page that needs the error calls refresh itself
  return { tags, refresh };
}

/** The name of a national code (民族 01 → 汉族), or the code itself when the list is not loaded. */
export function codeName(list: string, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '';
  useVocabularies(); // loads the lists on first use; the ref read below re-renders when they arrive
  return vocab.value[list]?.find((c) => c.code === code)?.name ?? code;
}

// Rows of one page mostly share a few grids, so each grid's name is asked for once.
const gridNames = new Map<string, Promise<string>>();
export function gridName(code: string): Promise<string> {
  if (!gridNames.has(code)) gridNames.set(code, areasApi.get(code).then((a) => a.name, () => code));
  return gridNames.get(code)!;
}
