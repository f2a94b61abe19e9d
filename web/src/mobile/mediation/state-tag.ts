import { mobileLocale, t } from '../i18n';
import type { ApplicationSummary } from './mediation-api';

/** The state in the reader's words: the server's Chinese (it names refusal and withdrawal apart), else the en message. */
export const stateText = (a: Pick<ApplicationSummary, 'plainState' | 'stateName'>) => (mobileLocale() === 'zh-CN' ? a.stateName : t(`md.state.${a.plainState}`));
/** A step's title: the server's Chinese (the outcome by name), else the en message. */
export const stepText = (s: { key: string; title: string }, a: Pick<ApplicationSummary, 'plainState' | 'stateName'>) =>
  (mobileLocale() === 'zh-CN' ? s.title : s.key === 'result' && a.plainState !== 'waiting' && ['agreed', 'failed', 'rejected', 'ended'].includes(a.plainState) ? stateText(a) : t(`md.step.${s.key}`));

/** The colour of a state tag: waiting grey-blue, under way blue, agreed green, the other endings red or grey. */
export const STATE_TAG: Record<ApplicationSummary['plainState'], 'primary' | 'success' | 'warning' | 'danger' | 'default'> = {
  waiting: 'warning', accepted: 'primary', mediating: 'primary', agreed: 'success', failed: 'danger', rejected: 'danger', ended: 'default',
};
