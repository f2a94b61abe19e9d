// One paged list's state: paging, rows, total, loading and error; a slow answer to an older query
// never overwrites a newer one.
import { reactive, ref } from 'vue';

export function usePagedList<T>(fetchPage: (page: number, pageSize: number) => Promise<{ items: T[]; total: number }>) {
  const paging = reactive({ page: 1, pageSize: 20 });
  const rows = ref<T[]>([]) as { value: T[] };
  const total = ref(0);
  const loading = ref(false);
  const error = ref<string | null>(null);

  let seq = 0;
  async function load(): Promise<void> {
    const mine = ++seq;
    loading.value = true;
    error.value = null;
    try {
      const r = await fetchPage(paging.page, paging.pageSize);
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

  return { paging, rows, total, loading, error, load, search };
}
