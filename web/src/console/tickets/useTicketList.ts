// One paged list of tickets: query, paging, loading and error state; a slow older answer never wins.
import { ticketsApi, type Ticket, type TicketQuery } from '../../api/tickets';
import { usePagedList } from '../use-paged-list';

export function useTicketList(query: () => TicketQuery, keep: (t: Ticket) => boolean = () => true) {
  return usePagedList<Ticket>(async (page, pageSize) => {
    const q: TicketQuery = {};
    for (const [k, v] of Object.entries(query())) if (v !== '' && v !== null && v !== undefined) (q as Record<string, unknown>)[k] = typeof v === 'string' ? v.trim() : v;
    const r = await ticketsApi.list({ ...q, page, pageSize });
    const items = r.items.filter(keep);
    // Rows kept on the page only (no server filter for them): the total is what is shown.
    return { items, total: r.items.length === items.length ? r.total : items.length };
  });
}
