// "Collected once, used in N reports" (一次采集，多方利用): which templates read each kind of record.
import { computed, ref } from 'vue';
import { reportsApi, type Entity, type TemplateSummary, type Usage } from '../../api/reports';

const usage = ref<Usage | null>(null);
const templates = ref<TemplateSummary[]>([]);
let loading: Promise<void> | null = null;

/** Loads the usage and the template names once; `refresh` after a template is saved or deleted. */
export function useReportUsage() {
  const refresh = () =>
    (loading = Promise.all([reportsApi.usage(), reportsApi.templates()]).then(
      ([u, t]) => { usage.value = u; templates.value = t; },
      (err) => { loading = null; throw err; },
    ));
  // Not everyone may read reports; the note then stays hidden. Pages that show the error call refresh themselves.
  if (!loading) refresh().catch(() => {});

  /** Names of the templates that read an entity, from the fields they use (person.sex → person). */
  function reportsOf(entity: Entity): string[] {
    const codes = new Set<string>();
    for (const f of usage.value?.fields ?? []) if (f.field.startsWith(`${entity}.`)) f.templates.forEach((c) => codes.add(c));
    const byCode = new Map(templates.value.map((t) => [t.code, t.name]));
    return [...codes].map((c) => byCode.get(c) ?? c).sort((a, b) => a.localeCompare(b, 'zh-CN'));
  }

  const countOf = (entity: Entity) => usage.value?.entities.find((e) => e.entity === entity)?.reports ?? 0;

  /** Per template code, how many registry fields it reads (shown in the report list). */
  const fieldsPerTemplate = computed(() => {
    const m = new Map<string, number>();
    for (const f of usage.value?.fields ?? []) for (const c of f.templates) m.set(c, (m.get(c) ?? 0) + 1);
    return m;
  });

  return { usage, templates, refresh, reportsOf, countOf, fieldsPerTemplate };
}
