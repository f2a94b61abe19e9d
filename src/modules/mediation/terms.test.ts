import { describe, expect, it } from 'vitest';
import { CHECKED_LISTS } from '../../db/migrations/0012_mediation.ts';
import { CATEGORIES, FIELDS, JUDICIAL_RESULTS, MEDIATOR_KINDS, ORG_KINDS, PARTY_KINDS, PARTY_ROLES, PERFORMANCE, REFERRALS, SOURCES } from './terms.ts';
import { ALL_STATES } from './workflow/states.ts';

describe('the lists of terms.ts are the CHECKs of migration 0012', () => {
  it('the same keys in the same order', () => {
    const keys = (o: object) => Object.keys(o);
    expect(CHECKED_LISTS).toEqual({
      categories: keys(CATEGORIES), sources: keys(SOURCES), orgKinds: keys(ORG_KINDS), fields: keys(FIELDS), mediatorKinds: keys(MEDIATOR_KINDS),
      partyKinds: keys(PARTY_KINDS), partyRoles: keys(PARTY_ROLES), referrals: keys(REFERRALS), performance: keys(PERFORMANCE),
      judicialResults: keys(JUDICIAL_RESULTS), states: ALL_STATES,
    });
  });
  it('the 15 dispute categories of the issue, each with its Chinese name', () => {
    expect(Object.values(CATEGORIES)).toEqual(['婚姻家庭', '邻里', '房屋宅基地', '合同', '生产经营', '损害赔偿', '山林土地', '征地拆迁', '环境污染', '劳动争议', '消费', '医疗', '道路交通事故', '物业', '其他']);
  });
});
