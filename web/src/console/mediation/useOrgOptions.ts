// The organisations the caller may see and file to (GET /api/mediation/organisations: my area and
// above, a mediator's own), loaded once per page for the selects; the desk's own committee first.
import { computed, ref } from 'vue';
import { mediationApi, type MediationOrg } from '../../api/mediation';
import { currentUser } from '../session';

export function useOrgOptions() {
  const orgs = ref<MediationOrg[]>([]);
  const error = ref<string | null>(null);
  async function load(): Promise<void> {
    try {
      orgs.value = (await mediationApi.orgs({ active: true, pageSize: 200 })).items;
    } catch (err) {
      error.value = (err as Error).message;
    }
  }
  /** The committee whose desk the caller runs (their own area's people's committee), if any. */
  const own = computed(() => orgs.value.find((o) => o.areaPath === currentUser.value?.scopePath && o.kind === 'people_committee') ?? null);
  return { orgs, own, error, load };
}
