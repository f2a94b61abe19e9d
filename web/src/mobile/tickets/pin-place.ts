// Which grid a pinned place belongs to: the grid that will take the report (落格), asked of the
// server once per pin, the latest pin winning. Offline the report is still queued in the outbox and
// the server places it when it arrives; a place outside the city is refused here as it would be there.
import { computed, ref, watch, type Ref } from 'vue';
import { ApiError } from '../../api/http';
import { mobileApi, type Located } from '../api';
import { t } from '../i18n';
import { online } from '../offline/outbox';

export type PinPlace =
  | { kind: 'none' } | { kind: 'looking' } | { kind: 'found'; at: Located }
  | { kind: 'outside' } | { kind: 'offline' } | { kind: 'unknown' };

/** "昆都仑区 · 少先路街道 · 环西社区 · 第3网格": a grid named after its community drops the repeat. */
export function placePath(at: Located): string {
  const community = at.community?.name ?? '';
  const grid = community && at.grid.name.startsWith(community) && at.grid.name.length > community.length ? at.grid.name.slice(community.length) : at.grid.name;
  return [at.district?.name, at.street?.name, community, grid].filter(Boolean).join(' · ');
}

export function usePinPlace(point: Ref<{ lon: number; lat: number } | null>) {
  const place = ref<PinPlace>({ kind: 'none' });
  let asked = 0;
  let pending: Promise<void> = Promise.resolve();

  function lookup(p: { lon: number; lat: number } | null) {
    const n = ++asked;
    pending = Promise.resolve();
    if (!p) return void (place.value = { kind: 'none' });
    if (!online.value) return void (place.value = { kind: 'offline' });
    place.value = { kind: 'looking' };
    pending = mobileApi.locate(p.lon, p.lat).then(
      (at) => {
        if (n === asked) place.value = { kind: 'found', at };
      },
      (err: unknown) => {
        if (n !== asked) return;
        if (err instanceof ApiError && err.status === 0) place.value = { kind: 'offline' };
        else if (err instanceof ApiError && err.field === 'location') place.value = { kind: 'outside' };
        else place.value = { kind: 'unknown' };
      },
    );
  }

  watch(point, lookup, { immediate: true });
  // Back online: ask now, so the resident sees the grid before sending.
  watch(online, (on) => {
    if (on && place.value.kind === 'offline') lookup(point.value);
  });

  const line = computed(() => {
    const p = place.value;
    switch (p.kind) {
      case 'found': return t('pin.place', { path: placePath(p.at) }) + t('pin.handledBy');
      case 'none': return '';
      default: return t(`pin.${p.kind}`);
    }
  });

  /** Resolves once the answer for the current pin is in (or the network failed). */
  const settled = async () => {
    let seen: Promise<void>;
    do {
      seen = pending;
      await seen;
    } while (seen !== pending);
  };

  return { place, line, settled };
}
