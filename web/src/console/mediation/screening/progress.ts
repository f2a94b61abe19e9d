// Small helpers of the 排查 pages: how far a campaign is, its period as one line.
import type { Campaign, ScreeningProgress } from '../../../api/mediation';

/** Done grids of all, as a whole percentage (0 when the campaign has no grid of mine). */
export const donePercent = (p: ScreeningProgress) => (p.grids ? Math.round((p.done / p.grids) * 100) : 0);

/** "2026-01-05 ~ 2026-01-25". */
export const periodText = (c: Pick<Campaign, 'periodFrom' | 'periodTo'>) => `${c.periodFrom} ~ ${c.periodTo}`;

/** Element Plus tag colour per task status. */
export const STATUS_TAG: Record<string, 'info' | 'warning' | 'success'> = { pending: 'info', in_progress: 'warning', done: 'success' };
