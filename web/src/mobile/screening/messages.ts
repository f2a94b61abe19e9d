// Words of the 排查 screens (矛盾纠纷排查 tasks of a grid worker), merged into i18n.ts under "sc".
// The 15 dispute categories are the server's own names (src/modules/mediation/terms.ts).
import { CATEGORIES } from '../../../../src/modules/mediation/terms.ts';

const CATEGORIES_EN = {
  family: 'Marriage and family', neighbour: 'Neighbours', housing_land: 'Housing and homestead', contract: 'Contract', business: 'Business',
  damages: 'Damages', forest_land: 'Forest and land', expropriation: 'Land taking and demolition', pollution: 'Pollution', labour: 'Labour',
  consumer: 'Consumer', medical: 'Medical', traffic: 'Road accident', property_mgmt: 'Property management', other: 'Other',
} satisfies Record<keyof typeof CATEGORIES, string>;

export const scZh = {
  entry: { title: '矛盾纠纷排查', open: '{n} 项待排查', none: '暂无待排查任务', all: '查看' },
  list: { title: '排查任务', open: '待排查', done: '已完成', all: '全部', empty: '目前没有排查任务', emptyDone: '还没有完成的排查任务' },
  status: { pending: '未开始', in_progress: '排查中', done: '已完成' },
  late: '已逾期', period: '{from} 至 {to}', progress: '已排查 {n}/{total} 项', found: '发现 {n} 起', cases: '上报 {n} 件',
  task: {
    title: '排查任务', checklist: '排查清单', notFound: '未发现', found: '发现', notePh: '发现了什么：涉及谁、在哪里、起因', needNote: '请写明发现的情况',
    save: '保存', finish: '完成排查', missing: '还有 {n} 项未排查：{items}', saved: '已保存', queued: '已保存在手机上，联网后自动发送', finished: '已提交完成排查',
    report: '上报线索', filed: '已上报：', waitingFinding: '待发送：{summary}', doneNote: '本网格已完成排查', notStarted: '排查活动 {day} 开始，届时可以填写',
    pending: '{n} 条记录待发送，联网后自动发送', conflict: '任务已被他人修改（可能是社区代为填写），您这次的填写没有提交。请载入最新内容，核对后重新保存。',
    reload: '载入最新内容', reloaded: '已载入最新内容：他人已填的以最新为准，您未提交的其余填写已保留，请核对后重新保存', refused: '提交被退回：{msg}', discard: '删除这条填写', fix: '修改后重发',
    offlineCopy: '离线：显示的是 {time} 的内容',
  },
  finding: {
    title: '上报矛盾纠纷线索', item: '排查事项', category: '纠纷类别', summary: '纠纷简要情况', summaryPh: '起因、经过、各方诉求（至少 5 个字）', parties: '当事人',
    applicant: '申请人（一方）', respondent: '被申请人（另一方）', third_party: '第三人', name: '姓名', namePh: '当事人姓名', phone: '电话', idNumber: '身份证号', optional: '选填',
    addParty: '添加当事人', removeParty: '移除', people: '涉及人数', address: '发生地点', addressPh: '如：某小区3号楼（可选）', submit: '上报',
    needSummary: '请写明纠纷情况（至少 5 个字）', needName: '请填写姓名', sent: '已上报，已登记为纠纷案件', queued: '已保存在手机上，联网后自动上报，不会重复上报',
    hint: '上报后登记为「排查发现」纠纷案件，由网格所在的人民调解委员会受理',
  },
  outboxAnswers: '排查填写', outboxFinding: '排查线索',
  category: CATEGORIES,
};

export const scEn: typeof scZh = {
  entry: { title: 'Dispute screening', open: '{n} to screen', none: 'Nothing to screen now', all: 'Open' },
  list: { title: 'Screening tasks', open: 'To do', done: 'Done', all: 'All', empty: 'No screening task', emptyDone: 'No finished task yet' },
  status: { pending: 'Pending', in_progress: 'Under way', done: 'Done' },
  late: 'Late', period: '{from} to {to}', progress: '{n}/{total} items checked', found: '{n} found', cases: '{n} filed',
  task: {
    title: 'Screening task', checklist: 'Checklist', notFound: 'None', found: 'Found', notePh: 'What was found: who, where, why', needNote: 'Say what was found',
    save: 'Save', finish: 'Finish', missing: '{n} items not checked: {items}', saved: 'Saved', queued: 'Kept on this phone; sent when online', finished: 'Task finished',
    report: 'Report a dispute', filed: 'Filed:', waitingFinding: 'To send: {summary}', doneNote: 'This grid is done', notStarted: 'The campaign starts on {day}',
    pending: '{n} records waiting; sent once online', conflict: 'Someone else changed this task (perhaps the community), so your answers were not sent. Load the latest, check, and save again.',
    reload: 'Load the latest', reloaded: 'Latest loaded: their answers stand, your other answers are kept; check and save again', refused: 'Refused: {msg}', discard: 'Delete these answers', fix: 'Fix and resend',
    offlineCopy: 'Offline: as of {time}',
  },
  finding: {
    title: 'Report a dispute', item: 'Checklist item', category: 'Category', summary: 'What happened', summaryPh: 'Cause, course, what each side wants (5+ characters)', parties: 'Parties',
    applicant: 'Applicant (one side)', respondent: 'Respondent (other side)', third_party: 'Third party', name: 'Name', namePh: 'Full name', phone: 'Phone', idNumber: 'ID number', optional: 'Optional',
    addParty: 'Add a party', removeParty: 'Remove', people: 'People involved', address: 'Place', addressPh: 'e.g. Building 3 (optional)', submit: 'Report',
    needSummary: 'Describe the dispute (5+ characters)', needName: 'Name required', sent: 'Reported and filed as a dispute case', queued: 'Kept on this phone; reported once online, only once',
    hint: 'Filed as a case found by screening, received by the mediation committee of the grid',
  },
  outboxAnswers: 'Screening answers', outboxFinding: 'Screening report',
  category: CATEGORIES_EN,
};
