// Built-in tags 内置标签 every city starts with: the groups departments follow (关爱对象), the
// special groups 特殊人群 and 重点青少年 of GB/T 31000-2015, and one tag each for households and
// organisations. A city admin may add more; these are marked builtin.
export interface BuiltinTag {
  code: string;
  name: string;
  category: keyof typeof TAG_CATEGORIES;
  appliesTo: 'person' | 'household' | 'organisation';
  description: string;
}

export const TAG_CATEGORIES = {
  care: '关爱服务对象',
  special_group: '特殊人群',
  key_youth: '重点青少年',
  assistance: '社会救助',
  safety: '安全监管',
} as const;

export const BUILTIN_TAGS: BuiltinTag[] = [
  { code: 'ELDERLY_ALONE', name: '独居老人', category: 'care', appliesTo: 'person', description: '60周岁以上独自居住的老年人 / aged 60+ living alone' },
  { code: 'LEFT_BEHIND_ELDERLY', name: '留守老人', category: 'care', appliesTo: 'person', description: '子女长期外出的老年人 / elderly whose children live away' },
  { code: 'LEFT_BEHIND_CHILD', name: '留守儿童', category: 'care', appliesTo: 'person', description: '父母外出务工的未成年人 / minors whose parents work away' },
  { code: 'DISABLED', name: '残疾人', category: 'care', appliesTo: 'person', description: '持残疾人证 / holds a disability certificate' },
  { code: 'LOW_INCOME', name: '低保对象', category: 'assistance', appliesTo: 'person', description: '城乡最低生活保障对象 / receives the minimum living allowance' },
  { code: 'VETERAN', name: '退役军人', category: 'care', appliesTo: 'person', description: '退役军人及优抚对象 / veteran' },
  { code: 'RELEASED_PRISONER', name: '刑满释放人员', category: 'special_group', appliesTo: 'person', description: '安置帮教对象 / released from prison, under resettlement support' },
  { code: 'COMMUNITY_CORRECTION', name: '社区矫正对象', category: 'special_group', appliesTo: 'person', description: '依法实行社区矫正 / under community correction' },
  { code: 'SEVERE_MENTAL_DISORDER', name: '肇事肇祸等严重精神障碍患者', category: 'special_group', appliesTo: 'person', description: '在册严重精神障碍患者 / registered severe mental disorder' },
  { code: 'DRUG_USER', name: '吸毒人员', category: 'special_group', appliesTo: 'person', description: '社区戒毒、社区康复人员 / drug user under community rehabilitation' },
  { code: 'AIDS_RISK', name: '艾滋病危险人员', category: 'special_group', appliesTo: 'person', description: '艾滋病危险人员 / at risk of HIV transmission' },
  { code: 'KEY_YOUTH', name: '重点青少年', category: 'key_youth', appliesTo: 'person', description: '闲散、不良行为、流浪乞讨等青少年 / youth needing attention' },
  { code: 'EXTREMELY_POOR', name: '特困户', category: 'assistance', appliesTo: 'household', description: '特困供养家庭 / household under extreme-poverty support' },
  { code: 'SAFETY_KEY_ENTERPRISE', name: '安全生产重点企业', category: 'safety', appliesTo: 'organisation', description: '安全生产重点监管企业 / enterprise under close work-safety supervision' },
];
