// One list of registry records: filters, paging, loading and error state, the export links.
import { computed, reactive } from 'vue';
import { registryApi, type ListQuery, type RecordKind } from '../../api/registry';
import { usePagedList } from '../use-paged-list';

export type Filters = Record<string, string | number | null | undefined>;

export function useRecordList<T>(kind: RecordKind, initial: Filters) {
  const filters = reactive<Filters>({ ...initial });

  /** The filters as the list and export routes take them: empty ones left out, text trimmed. */
  const query = computed<ListQuery>(() => {
    const q: ListQuery = {};
    for (const [k, v] of Object.entries(filters)) {
      const val = typeof v === 'string' ? v.trim() : v;
      if (val !== null && val !== undefined && val !== '') q[k] = val;
    }
    return q;
  });

  const { paging, rows, total, loading, error, load, search } = usePagedList<T>((page, pageSize) => registryApi.list<T>(kind, { ...query.value, page, pageSize }));

  function reset(): void {
    for (const k of Object.keys(filters)) filters[k] = initial[k];
    search();
  }

  const exportUrl = (format: 'xlsx' | 'csv') => registryApi.exportUrl(kind, format, query.value);

  return { kind, filters, paging, rows, total, loading, error, query, load, search, reset, exportUrl };
}

export type RecordList<T = unknown> = ReturnType<typeof useRecordList<T>>;
