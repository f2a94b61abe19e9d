// The mediation vocabularies as the console offers them: the server's own lists (src/modules/mediation/
// terms.ts, pure) so a select never offers a key the server refuses; their names come from i18n.
import { CATEGORIES, FIELDS, MEDIATOR_KINDS, ORG_KINDS, PARTY_ROLES, PERFORMANCE, REFERRALS, REJECT_REASONS, SOURCES, JUDICIAL_RESULTS, HANDOFF_SOURCES } from '../../../../src/modules/mediation/terms.ts';
import { ALL_STATES, OPEN_STATES } from '../../../../src/modules/mediation/workflow/states.ts';

const keys = (o: object) => Object.keys(o);
export const CATEGORY_KEYS = keys(CATEGORIES);
export const SOURCE_KEYS = keys(SOURCES);
export const ORG_KIND_KEYS = keys(ORG_KINDS);
export const FIELD_KEYS = keys(FIELDS);
export const MEDIATOR_KIND_KEYS = keys(MEDIATOR_KINDS);
export const PARTY_ROLE_KEYS = keys(PARTY_ROLES);
export const REJECT_REASON_KEYS = keys(REJECT_REASONS);
export const REFERRAL_KEYS = keys(REFERRALS);
export const PERFORMANCE_KEYS = keys(PERFORMANCE);
export const JUDICIAL_RESULT_KEYS = keys(JUDICIAL_RESULTS);
export const HANDOFFS: readonly string[] = HANDOFF_SOURCES;
export const STATE_KEYS: readonly string[] = ALL_STATES;
export const OPEN: readonly string[] = OPEN_STATES;
export const LEVEL_KEYS = ['city', 'district', 'street', 'community'];
/** The doors a clerk files by hand; 排查发现 (screening) cases come from the screening campaigns. */
export const FILING_SOURCES = SOURCE_KEYS.filter((s) => s !== 'screening');

/** Element Plus tag type per state: waiting orange, running blue, agreed green, ended grey/red. */
export const STATE_TAG: Record<string, 'primary' | 'success' | 'warning' | 'info' | 'danger'> = {
  registered: 'warning', accepted: 'warning', assigned: 'primary', mediating: 'primary', agreed: 'success',
  failed: 'danger', rejected: 'info', refused: 'info', withdrawn: 'info',
};
