// A figures page's answer (统计分析, 调解统计): loaded on open and again a moment after any choice changes;
// a slow answer to an older query never overwrites a newer one; `shown` is the query of the figures on
// screen, so a download matches them.
import { onMounted, ref, watch, type Ref } from 'vue';
import { useLoading } from './use-loading';

export function useFigures<Q, R>(form: object, query: () => Q, fetch: (q: Q) => Promise<R>) {
  const { loading, error, run } = useLoading();
  const result = ref<R | null>(null) as Ref<R | null>;
  const shown = ref<Q | null>(null) as Ref<Q | null>;
  let asked = 0;
  const load = () => {
    const mine = ++asked;
    return run(async () => {
      const q = query();
      const r = await fetch(q);
      if (mine !== asked) return;
      result.value = r;
      shown.value = q;
    });
  };
  onMounted(load);
  let timer: ReturnType<typeof setTimeout> | undefined;
  watch(() => JSON.stringify(form), () => { clearTimeout(timer); timer = setTimeout(load, 250); });
  return { loading, error, result, shown, load };
}
