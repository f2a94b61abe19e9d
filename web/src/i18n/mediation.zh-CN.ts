// 矛盾纠纷多元化解 pages of the console (zh-CN): 案件列表, 登记, 案件详情, 调解组织, 调解员, 调解统计, 预警.
// The vocabularies' Chinese names are the server's own (src/modules/mediation/terms.ts), so the two never differ.
import { CATEGORIES, FIELDS, JUDICIAL_RESULTS, MEDIATOR_KINDS, ORG_KINDS, PARTY_KINDS, PARTY_ROLES, PERFORMANCE, REFERRALS, REJECT_REASONS, SOURCES } from '../../../src/modules/mediation/terms.ts';
import { STATES } from '../../../src/modules/mediation/workflow/states.ts';
import { ACTIONS } from '../../../src/modules/mediation/workflow/actions.ts';

const zh = <K extends string>(o: Record<K, { zh: string }>) => Object.fromEntries(Object.entries<{ zh: string }>(o).map(([k, v]) => [k, v.zh])) as Record<K, string>;

export default {
  mediation: {
    nav: { group: '矛盾纠纷', cases: '案件列表', newCase: '登记案件', orgs: '调解组织', mediators: '调解员', stats: '调解统计', warnings: '预警' },
    title: { cases: '纠纷案件', newCase: '登记纠纷案件', detail: '案件详情' },
    state: zh(STATES),
    action: { ...zh(ACTIONS), register: '登记' },
    category: CATEGORIES, source: SOURCES, orgKind: ORG_KINDS, orgField: FIELDS, mediatorKind: MEDIATOR_KINDS,
    partyRole: PARTY_ROLES, partyKind: PARTY_KINDS, rejectReason: REJECT_REASONS, referral: REFERRALS, performance: PERFORMANCE, judicialResult: JUDICIAL_RESULTS,
    level: { city: '市级', district: '区县级', street: '街道乡镇级', community: '社区村级' },
    supervision: { yellow: '黄牌督办', red: '红牌督办' },
    chosenBy: { committee: '调委会指定', parties: '当事人选定' },
    requestedBy: { party: '当事人申请回避', mediator: '调解员自行回避' },
    relation: { committee: '调委会', mediator: '承办调解员', supervisor: '上级督导', system: '系统' },
    overdue: '已超期', police: '已报告公安',
    sep: '：',
    loadFailed: '加载失败：{msg}', retry: '重试',
    unit: { yuan: '元', people: '人', peopleN: '{n} 人' },
    field: {
      state: '状态', source: '案件来源', category: '纠纷类别', org: '受理组织', supervision: '督办', overdue: '超期', police: '报告公安', mine: '我承办的',
      referringBody: '移交单位', referralNumber: '移交文书编号', ticket: '关联工单', summary: '纠纷简要情况', amount: '争议金额', peopleInvolved: '涉及人数',
      place: '纠纷发生地', address: '详细地址', parties: '当事人', registeredAt: '登记时间', acceptedAt: '受理时间', dueAt: '调解期限', concludedAt: '办结时间',
    },
    ph: {
      q: '案件编号或纠纷内容', anySupervision: '全部督办', org: '选择受理的调解组织', category: '选择纠纷类别', summary: '纠纷起因、经过、当事人诉求',
      people: '默认为当事人数', place: '选择网格最准确，也可选社区或街道', ticket: '输入工单编号或关键词查找', mediatorQ: '输入调解员姓名查找',
      referralNumber: '如：昆公调字〔2026〕第 12 号',
      referringBody: { petition: '如：昆都仑区信访局', police: '如：少先路派出所', court: '如：昆都仑区人民法院' },
    },
    sourceHint: {
      walk_in: '当事人到调委会申请调解，或电话、书面申请。', initiative: '调委会在排查或群众反映中发现纠纷，主动调解（须当事人同意）。',
      ticket: '12345、随手拍等事件工单中属于民间纠纷的，转人民调解；工单仍按原时限答复办结。',
      petition: '信访部门移交的纠纷（访调对接），须填写移交单位和文书编号。', police: '公安机关移交的纠纷（公调对接），须填写移交单位和文书编号。',
      court: '人民法院委派的诉前调解（诉调对接），自收到之日起 30 日内调结，可经当事人同意延长一次。', screening: '矛盾纠纷排查中发现。',
    },
    col: { number: '案件编号', summary: '纠纷情况', state: '状态', org: '受理组织', mediators: '调解员', place: '发生地', due: '调解期限', source: '来源', registered: '登记时间', ops: '操作' },
    list: { empty: '暂无纠纷案件', emptyFiltered: '没有符合条件的案件，可清除筛选条件后再试' },
    party: {
      no: '当事人 {n}', name: '姓名', orgName: '单位名称', idNumber: '身份证号码', creditCode: '统一社会信用代码', phone: '联系电话', address: '住址',
      orgAddress: '住所', legalRep: '法定代表人', role: '身份', add: '增加当事人', remove: '删除', codeHint: '登记时可暂缺，达成协议前须补全',
      hint: '至少一名申请人和一名被申请人；身份证号码按 GB 11643 校验。', sides: '至少需要一名申请人和一名被申请人',
    },
    form: {
      required: '请填写{field}', choose: '请选择{field}', save: '提交登记', saved: '已登记，案件编号 {number}', submit: '确定', done: '已{action}',
      otherTicket: '换一张工单', noTicket: '没有找到工单（只能转入本辖区内、已立案的工单）', ticketPlace: '取自工单：{area}', ticketPlaceLater: '选择工单后取工单的事发地',
      note: '意见/说明', reason: '理由', party: '当事人', applicant: '申请人', mediators: '调解员', mediator: '调解员', chosenBy: '确定方式', requestedBy: '回避方式',
      referral: '告知的其他途径', days: '延长天数', level: '督办等级', policeReason: '报告事由',
      policeHint: '依《人民调解法》第二十五条，纠纷有可能激化的，应采取预防措施；可能引起治安案件、刑事案件的，应及时报告当地公安机关。',
      extendHint: '诉前调解期限可经各方当事人同意延长一次，须在期限届满前提出。',
    },
    assign: { lead: '主办', recused: '已回避', none: '该组织暂无在岗调解员', hint: '勾选顺序即主办顺序，第一位为主办调解员；擅长本类纠纷的排在前面。' },
    detail: {
      back: '返回', actions: '可办理操作', noActions: '当前无可办理操作', basic: '基本信息', parties: '当事人', masked: '（证件号码、电话已脱敏）',
      mediators: '调解员', noMediators: '尚未指派调解员', recusals: '回避记录', assignedAt: '指派时间', removed: '离案', removedReasons: { recusal: '回避', reassigned: '改派' }, onCase: '在案',
      sessions: '调解记录', noSessions: '暂无调解记录', agreement: '调解协议书', noAgreement: '尚未达成调解协议', judicial: '司法确认', followUps: '回访',
      agreementHidden: '协议内容仅本案调解员、调委会及上级督导可查看。', timeline: '办理过程', notFound: '案件不存在或您无权查看',
      hidden: '仅参与调解人员可见', extended: '（已延长）', policeFlag: '已报告公安机关：{reason}',
    },
    session: {
      heldAt: '调解时间', place: '调解地点', attendees: '参加人', attendeesPh: '选择或输入参加人姓名', minutes: '调解笔录', minutesPh: '记录各方陈述、争议焦点、调解员意见及调解结果',
      saved: '调解记录已保存', nth: '第 {n} 次调解', minutesHidden: '（笔录仅参与调解人员可见）', defaultPlace: '{org}调解室',
    },
    agreement: {
      title: '调解协议书', button: '录入调解协议书', parties: '协议当事人', bound: '受约束', identity: '身份证件号码', signed: '已签名', noIdentity: '未登记', noAddress: '未登记住址',
      facts: '纠纷主要事实', factsPh: '纠纷的起因、经过和主要事实', disputes: '争议事项', responsibilities: '各方当事人的责任', terms: '协议内容',
      content: '约定事项', manner: '履行方式', deadline: '履行期限', addTerm: '增加一项', signedOn: '签订日期', signedMediators: '调解员签名',
      noMediator: '本案尚无调解员', submit: '保存协议书', saved: '调解协议书已保存，案件已达成协议', once: '协议书保存后不可修改。',
      incomplete: '协议书缺少 {n} 项必备内容，请按各项提示补全', judicialDueOn: '司法确认申请截止日',
    },
    judicial: {
      court: '受理法院', courtPh: '如：包头市昆都仑区人民法院', appliedOn: '申请日期', result: '确认结果', window: '须在协议生效之日起 30 日内共同申请，截止 {day}。',
      applied: '{day} 向{court}申请', pending: '待法院裁定', none: '未申请',
    },
    followUp: { performance: '履行情况', note: '回访情况', none: '暂无回访' },
    record: { day: { judicial_apply: '申请日期', judicial_result: '裁定日期', follow_up: '回访日期' } },
    reveal: {
      show: '查看', title: '查看{field}明文', reason: '查看原因', reasonPh: '如：制作调解协议书需核对身份', reasonRule: '请说明原因（至少 4 个字）',
      warning: '查看和打印完整证件号码将记入审计日志，请仅在工作需要时使用。', submit: '查看明文', empty: '未登记', once: '关闭后不再显示',
    },
    print: {
      button: '打印协议书', title: '打印调解协议书', masked: '证件号码脱敏（存档、送阅）', full: '显示完整证件号码（当事人签字用，记入审计日志）',
      reasonPh: '如：当事人到场签署协议书', open: '打开打印页',
    },
    orgs: {
      add: '新增调解组织', edit: '编辑调解组织', editShort: '编辑', name: '组织名称', kind: '组织类型', field: '行业领域', level: '层级', area: '所在区域',
      areaPh: '选择组织服务的区域', phone: '办公电话', address: '办公地址', mediators: '调解员', openCases: '在办案件', active: '状态', on: '启用', off: '停用',
      q: '组织名称', empty: '暂无调解组织', saved: '调解组织已保存',
    },
    mediators: {
      add: '新增调解员', edit: '编辑调解员', name: '姓名', org: '所属组织', kind: '类别', specialties: '擅长类别', specialty: '擅长类别', specialtiesPh: '选择擅长调解的纠纷类别',
      workload: '在办案件', cases: '{n} 件', phone: '联系电话', phoneKeep: '{phone}（不改请留空）', login: '登录账号', loginPh: '关联角色为调解员的账号（可选）',
      q: '姓名', empty: '暂无调解员', saved: '调解员已保存',
    },
    stats: {
      title: '人民调解统计', area: '统计区域', period: '统计期间', year: '按年', quarter: '按季度', month: '按月', range: '自定义',
      yearOf: '{y} 年', quarterOf: '{y} 年第 {q} 季度', rangeStart: '开始日期', rangeEnd: '结束日期', groupBy: '分组', go: '查询', download: '导出 Excel',
      group: { category: '纠纷类别', level: '组织层级', organisation: '调解组织', source: '案件来源', month: '月份', quarter: '季度' },
      first: { category: '纠纷类别', level: '组织层级', organisation: '调解组织', source: '案件来源', month: '月份', quarter: '季度' },
      col: {
        received: '登记', accepted: '受理', concluded: '调结', agreed: '调解成功', failed: '调解不成', successRate: '调解成功率', judicialApplied: '申请司法确认',
        judicialRate: '司法确认率', avgDays: '平均用时（天）', medianDays: '中位用时（天）', overdue: '超期', policeFlagged: '报告公安',
      },
      tip: { successRate: '调解成功率 = 达成协议 ÷ 调结（达成协议 + 调解不成）', judicialRate: '司法确认率 = 申请司法确认的协议 ÷ 达成的协议' },
      total: '合计', noRate: '—', median: '中位 {d} 天',
      scope: '{area}　{from} 至 {to}', generatedAt: '生成于 {at}', empty: '{area} 在 {from} 至 {to} 期间没有登记的纠纷案件',
      intro: '按登记日期统计；调结 = 达成协议 + 调解不成（不予受理、拒绝调解、撤回不计入）；用时为受理至办结的自然日。',
    },
    warnings: {
      open: '待处置', done: '已处置', level: '等级', rule: '预警规则', reason: '预警原因', raisedAt: '预警时间', handle: '处置', handledCol: '处置情况',
      note: '处置情况', notePh: '如：已上门走访，双方情绪稳定，已纳入重点调解', handled: '已处置', emptyOpen: '暂无待处置的预警', emptyDone: '暂无已处置的预警',
    },
  },
};
