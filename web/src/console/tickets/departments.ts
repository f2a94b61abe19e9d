// 职能部门 names offered when dispatching (归口办理); the field takes any name, these save typing.
// They match the names routing rules and department accounts use (e.g. dept.zhujian: 住房和城乡建设局).
export const COMMON_DEPARTMENTS = [
  '住房和城乡建设局', '城市管理综合执法局', '公安局', '市场监督管理局', '生态环境局', '交通运输局', '水务局', '自然资源局',
  '卫生健康委员会', '教育局', '人力资源和社会保障局', '民政局', '应急管理局', '供热公司', '供水公司', '供电公司',
];
