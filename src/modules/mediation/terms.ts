/**
 * The words of 矛盾纠纷多元化解 (people's mediation, 人民调解法) as the API speaks them: English keys,
 * with the Chinese name staff know. Every list here is also a CHECK in migration 0012.
 */

const names = <K extends string>(o: Record<K, string>) => o;
export const keysOf = <K extends string>(o: Record<K, unknown>) => Object.keys(o) as K[];

/** 纠纷类别 dispute categories. */
export const CATEGORIES = names({
  family: '婚姻家庭', neighbour: '邻里', housing_land: '房屋宅基地', contract: '合同', business: '生产经营',
  damages: '损害赔偿', forest_land: '山林土地', expropriation: '征地拆迁', pollution: '环境污染', labour: '劳动争议',
  consumer: '消费', medical: '医疗', traffic: '道路交通事故', property_mgmt: '物业', other: '其他',
});
export type Category = keyof typeof CATEGORIES;

/** 案件来源 the doors a dispute comes in by; the hand-offs (对接) carry the referring body and its number. */
export const SOURCES = names({
  walk_in: '当事人申请', initiative: '主动调解', ticket: '事件转入', petition: '访调对接', police: '公调对接', court: '诉调对接', screening: '排查发现',
});
export type Source = keyof typeof SOURCES;
export const HANDOFF_SOURCES: readonly Source[] = ['petition', 'police', 'court'];

/** 调解组织 kinds. */
export const ORG_KINDS = names({
  people_committee: '人民调解委员会', industry_committee: '行业性专业性人民调解委员会', branded_studio: '品牌调解室',
  lawyer_studio: '律师调解工作室', court_invited: '特邀调解组织', police_room: '公调对接室', non_litigation_centre: '非诉讼纠纷化解中心',
});
export type OrgKind = keyof typeof ORG_KINDS;

/** 行业领域 of an industry or professional committee (行业性专业性). */
export const FIELDS = names({
  property_mgmt: '物业', finance: '金融', medical: '医疗', labour: '劳动', traffic: '道路交通', consumer: '消费',
  family: '婚姻家庭', construction: '建设工程', insurance: '保险', ip: '知识产权', tourism: '旅游', environment: '生态环境', other: '其他',
});
export type Field = keyof typeof FIELDS;

/** The levels an organisation sits at (村/社区, 乡镇/街道, 区/旗/县, 市). */
export const ORG_LEVELS = ['city', 'district', 'street', 'community'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

/** 调解员 kinds: 专职, 兼职, 律师, 特邀. */
export const MEDIATOR_KINDS = names({ full_time: '专职', part_time: '兼职', lawyer: '律师', invited: '特邀' });
export type MediatorKind = keyof typeof MEDIATOR_KINDS;

/** 当事人 roles and kinds. */
export const PARTY_ROLES = names({ applicant: '申请人', respondent: '被申请人', third_party: '第三人' });
export type PartyRole = keyof typeof PARTY_ROLES;
export const PARTY_KINDS = names({ person: '自然人', organisation: '法人或其他组织' });
export type PartyKind = keyof typeof PARTY_KINDS;

/** 不予受理 reasons (人民调解法 第十八条, and disputes that are not civil ones). */
export const REJECT_REASONS = names({
  not_civil: '不属于民间纠纷', in_litigation: '已进入诉讼程序', in_arbitration: '已申请仲裁', by_authority: '已由有关部门受理或解决', other: '其他',
});
export type RejectReason = keyof typeof REJECT_REASONS;

/** Where a failed mediation is referred to (第二十六条: 仲裁、行政、司法等途径). */
export const REFERRALS = names({ arbitration: '仲裁', administrative: '行政处理', litigation: '诉讼', petition: '信访', other: '其他途径' });
export type Referral = keyof typeof REFERRALS;

/** 回访: how the agreement is being performed (协议履行情况). */
export const PERFORMANCE = names({ performed: '已履行', partly: '部分履行', not_performed: '未履行' });
export type Performance = keyof typeof PERFORMANCE;

/** 司法确认 outcomes: 裁定确认有效 or 裁定驳回申请. */
export const JUDICIAL_RESULTS = names({ confirmed: '确认有效', rejected: '驳回申请' });
export type JudicialResult = keyof typeof JUDICIAL_RESULTS;
