// One paged list of tickets: query, paging, loading and error state; a slow older answer never wins.
import { reactive, ref } from 'vue';
import { ticketsApi, type Ticket, type TicketQuery } from '../../api/tickets';

export function useTicketList(query: () => TicketQuery, keep: (t: Ticket) => boolean = () => true) {
  const paging = reactive({ page: 1, pageSize: 20 });
  const rows = ref<Ticket[]>([]);
  const total = ref(0);
  const loading = ref(false);
  const error = ref<string | null>(null);
  let seq = 0;

  async function load(): Promise<void> {
    const mine = ++seq;
    loading.value = true;
    error.value = null;
    try {
      const q: TicketQuery = {};
      for (const [k, v] of Object.entries(query())) if (v !== '' && v !== null && v !== undefined) (q as Record<string, unknown>)[k] = typeof v === 'string' ? v.trim() : v;
      const r = await ticketsApi.list({ ...q, page: paging.page, pageSize: paging.pageSize });
      if (mine !== seq) return;
      rows.value = r.items.filter(keep);
      total.value = r.items.length === rows.value.length ? r.total : rows.value.length;
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
