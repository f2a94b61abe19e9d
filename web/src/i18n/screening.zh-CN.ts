// 矛盾纠纷排查 pages of the console (zh-CN): 排查活动 list, 发起排查, a campaign's per-grid progress.
export default {
  screening: {
    nav: '矛盾纠纷排查',
    list: {
      title: '排查活动', new: '发起排查', all: '全部', current: '进行中', upcoming: '未开始', ended: '已结束',
      empty: '还没有排查活动', emptyFiltered: '没有符合条件的排查活动', emptyHint: '发起一次排查，为所选区域的每个网格生成一项排查任务',
    },
    col: {
      title: '活动名称', period: '排查期间', areas: '排查范围', progress: '完成进度', counts: '未开始 / 排查中 / 已完成', findings: '发现纠纷',
      createdBy: '发起人', grid: '网格', community: '所属社区', status: '状态', answered: '已排查事项', found: '发现', cases: '上报案件', doneAt: '完成时间', workers: '网格员',
    },
    progressOf: '{done}/{grids} 个网格',
    gridsN: '{n} 个网格',
    findingsN: '{n} 件',
    status: { pending: '未开始', in_progress: '排查中', done: '已完成' },
    late: '逾期',
    form: {
      title: '发起矛盾纠纷排查', name: '活动名称', namePh: '如：2026年春节前矛盾纠纷集中排查', period: '排查期间', from: '开始日期', to: '结束日期',
      areas: '排查范围', areasHint: '可选本辖区内的街道、社区或网格；每个网格生成一项排查任务', addArea: '添加区域', pickArea: '选择区域', noAreas: '请至少选择一个区域',
      checklist: '排查清单', item: '排查事项', itemPh: '事项名称，如：邻里纠纷', category: '发现后登记为', addItem: '添加事项', resetItems: '恢复常用事项',
      remove: '移除', required: '请填写{field}', submit: '发起排查', created: '已发起排查，生成 {n} 项网格任务', fixErrors: '请先改正标红的内容',
      toBeforeFrom: '结束日期不能早于开始日期', tooManyItems: '清单最多 30 项', toPast: '结束日期已过',
      nameShort: '活动名称至少 4 个字', itemShort: '事项名称 2 到 30 个字', itemTwice: '与第 {n} 项重复', noItems: '清单至少要有一项',
    },
    detail: {
      back: '返回排查活动', period: '排查期间', areas: '排查范围', checklist: '排查清单', createdBy: '发起', grids: '网格任务', progress: '完成进度',
      pending: '未开始', inProgress: '排查中', done: '已完成', findings: '发现纠纷', statusAll: '全部状态', area: '按区域', download: '导出进度表',
      empty: '没有符合条件的网格', gridsTitle: '各网格排查进度', answeredOf: '{n}/{total}', none: '—',
      noWorker: '未配置网格员', filledBy: '填报：{name}',
    },
    loadFailed: '加载失败：{msg}', retry: '重试',
  },
};
