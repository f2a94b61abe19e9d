// One list of registry records: filters, paging, loading and error state, the export links.
import { computed, reactive, ref } from 'vue';
import { registryApi, type ListQuery, type RecordKind } from '../../api/registry';

export type Filters = Record<string, string | number | null | undefined>;

export function useRecordList<T>(kind: RecordKind, initial: Filters) {
  const filters = reactive<Filters>({ ...initial });
  const paging = reactive({ page: 1, pageSize: 20 });
  const rows = ref<T[]>([]) as { value: T[] };
  const total = ref(0);
  const loading = ref(false);
  const error = ref<string | null>(null);

  /** The filters as the list and export routes take them: empty ones left out, text trimmed. */
  const query = computed<ListQuery>(() => {
    const q: ListQuery = {};
    for (const [k, v] of Object.entries(filters)) {
      const val = typeof v === 'string' ? v.trim() : v;
      if (val !== null && val !== undefined && val !== '') q[k] = val;
    }
    return q;
  });

  let seq = 0;
  async function load(): Promise<void> {
    const mine = ++seq; // a slow answer to an older query must not overwrite a newer one
    loading.value = true;
    error.value = null;
    try {
      const r = await registryApi.list<T>(kind, { ...query.value, page: paging.page, pageSize: paging.pageSize });
      if (mine !== seq) return;
      rows.value = r.items;
      total.value = r.total;
    } catch (err) {
      if (mine !== seq) return;
      rows.value = [];
      total.value = 0;
      error.value = (err as Error).message;
    } finally {
      if (mine === seq) loading.value = false;
    }
  }

  function search(): void {
    paging.page = 1;
    void load();
  }

  function reset(): void {
    for (const k of Object.keys(filters)) filters[k] = initial[k];
    search();
  }

  const exportUrl = (format: 'xlsx' | 'csv') => registryApi.exportUrl(kind, format, query.value);

  return { kind, filters, paging, rows, total, loading, error, query, load, search, reset, exportUrl };
}

export type RecordList<T = unknown> = ReturnType<typeof useRecordList<T>>;
