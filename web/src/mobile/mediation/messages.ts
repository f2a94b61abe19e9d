// Words of the resident's 申请调解 / 我的调解 screens, merged into i18n.ts under "md".
// The 15 dispute categories are the server's own names (src/modules/mediation/terms.ts).
import { CATEGORIES } from '../../../../src/modules/mediation/terms.ts';

const CATEGORIES_EN = {
  family: 'Marriage and family', neighbour: 'Neighbours', housing_land: 'Housing and homestead', contract: 'Contract', business: 'Business',
  damages: 'Damages', forest_land: 'Forest and land', expropriation: 'Land taking and demolition', pollution: 'Pollution', labour: 'Labour',
  consumer: 'Consumer', medical: 'Medical', traffic: 'Road accident', property_mgmt: 'Property management', other: 'Other',
} satisfies Record<keyof typeof CATEGORIES, string>;

export const mdZh = {
  entry: { apply: '申请调解', applyHint: '邻里、家庭、物业等矛盾纠纷，免费调解', mine: '我的调解' },
  apply: {
    title: '申请调解',
    intro: '人民调解不收费。提交后由纠纷发生地的人民调解委员会受理，受理结果会在「我的调解」中告诉您。',
    category: '纠纷类别', categoryPh: '请选择纠纷类别', summary: '纠纷经过和您的请求', summaryPh: '发生了什么、持续多久、您希望怎样解决（至少 10 个字）',
    applicantTitle: '申请人', other: '对方当事人（被申请人）', otherName: '姓名或单位', otherNamePh: '如：王某、某物业公司', otherPhone: '对方电话', optional: '选填', otherKind: '对方是',
    kind: { person: '个人', organisation: '单位' }, addOther: '再加一方', removeOther: '删除',
    place: '纠纷发生地', address: '详细地址', addressPh: '如：某小区 5 号楼 3 单元', pinHint: '可在地图上点选发生地（不选则按您所在社区受理）', useMine: '使用我的位置', locating: '正在定位…',
    placeFound: '发生地：{path}', people: '涉及人数', peopleHint: '选填，含您本人',
    committee: '受理的调解委员会', committeeAuto: '就近', committeeOffline: '联网后按发生地自动确定调解委员会', committeeHint: '默认由发生地就近的调解委员会受理，也可以选择上级调解委员会',
    applicant: '{name}（您本人，按账号登记的姓名和电话）',
    submit: '提交申请', sending: '正在提交…', sent: '申请已提交', numberIs: '案件编号', sentHint: '调解委员会受理后会安排调解员与您联系',
    waiting: '已保存在手机上，联网后自动提交，不会重复提交', refused: '提交被退回：{msg}', another: '再申请一件', viewMine: '查看我的调解',
    needCategory: '请选择纠纷类别', needSummary: '请写明纠纷经过和您的请求（至少 10 个字）', needOther: '请填写对方当事人的姓名或单位', needAddress: '请填写纠纷发生的详细地址',
    badPhone: '电话号码格式不对', outside: '该位置不在本市范围内，请重新选点',
  },
  mine: { title: '我的调解', empty: '还没有申请过调解', emptyHint: '邻里、家庭、物业等矛盾纠纷，可以申请人民调解', apply: '申请调解', pending: '待提交', refused: '被退回' },
  case: {
    title: '调解进度', notFound: '调解申请不存在或不是您提交的', category: '纠纷类别', org: '受理组织', orgPhone: '联系电话', orgAddress: '地址', mediators: '调解员', due: '调解期限',
    place: '发生地', applied: '申请时间', summary: '纠纷经过和请求', parties: '当事人', me: '本人', progress: '办理进度', sessions: '调解记录', session: '{time} · {place}',
    rejection: '不予受理', rejectionReason: '原因：{reason}', referral: '调解不成', referralTo: '可以通过「{route}」途径继续解决', agreement: '调解协议', signedOn: '签订日期 {day}',
    term: '第 {n} 项', manner: '履行方式：{text}', deadline: '履行期限：{day}', judicialDue: '如需司法确认，请双方于 {day} 前共同向人民法院申请', openAgreement: '查看调解协议书',
    judicial: '司法确认', judicialApplied: '{day} 已向 {court} 申请', followUps: '回访', noMediator: '待安排', waitingHint: '调解委员会将尽快受理，请保持电话畅通',
  },
  state: { waiting: '待受理', accepted: '已受理', mediating: '调解中', agreed: '已达成协议', failed: '调解不成', rejected: '不予受理', ended: '已终止' },
  step: { applied: '提交申请', accepted: '受理', mediating: '调解', result: '调解结果' },
  withdraw: {
    button: '撤回申请', title: '撤回调解申请', intro: '撤回后本次调解终止，调解委员会和调解员会收到通知。以后如有需要，可以重新申请。',
    reason: '撤回理由', reasonPh: '如：已与对方自行协商解决', needReason: '请填写撤回理由（至少 2 个字）', confirm: '确认撤回', cancel: '再想想',
    waiting: '撤回申请已保存在手机上，联网后自动提交', sending: '正在提交撤回申请…', refused: '撤回未成功：{msg}', draft: '撤回申请 {number}', outbox: '撤回调解申请',
  },
  outbox: '调解申请',
  category: CATEGORIES,
};

export const mdEn: typeof mdZh = {
  entry: { apply: 'Apply for mediation', applyHint: 'Free mediation of disputes with neighbours, family, property managers…', mine: 'My mediation' },
  apply: {
    title: 'Apply for mediation',
    intro: 'People’s mediation is free. The mediation committee of the place takes your application; you will see its answer under “My mediation”.',
    category: 'Category', categoryPh: 'Choose a category', summary: 'What happened and what you ask', summaryPh: 'What happened, for how long, how you want it settled (10+ characters)',
    applicantTitle: 'Applicant', other: 'The other side (respondent)', otherName: 'Name', otherNamePh: 'e.g. Mr Wang, a property company', otherPhone: 'Their phone', optional: 'Optional', otherKind: 'They are',
    kind: { person: 'a person', organisation: 'an organisation' }, addOther: 'Add another', removeOther: 'Remove',
    place: 'Where it happens', address: 'Address', addressPh: 'e.g. Building 5, entrance 3', pinHint: 'Tap the map to mark the place (else your community’s committee takes it)', useMine: 'Use my position', locating: 'Locating…',
    placeFound: 'Place: {path}', people: 'People involved', peopleHint: 'Optional, you included',
    committee: 'Mediation committee', committeeAuto: 'nearest', committeeOffline: 'Chosen by the place once online', committeeHint: 'The nearest committee takes it unless you choose one above it',
    applicant: '{name} (you, with your account’s name and phone)',
    submit: 'Apply', sending: 'Sending…', sent: 'Application sent', numberIs: 'Case number', sentHint: 'Once accepted, a mediator will contact you',
    waiting: 'Kept on this phone; sent once online, only once', refused: 'Refused: {msg}', another: 'Apply again', viewMine: 'My mediation',
    needCategory: 'Choose a category', needSummary: 'Say what happened and what you ask (10+ characters)', needOther: 'Name the other side', needAddress: 'Give the address',
    badPhone: 'Not a valid phone number', outside: 'This place is outside the city; choose again',
  },
  mine: { title: 'My mediation', empty: 'No application yet', emptyHint: 'Disputes with neighbours, family or property managers can go to people’s mediation', apply: 'Apply', pending: 'To send', refused: 'Refused' },
  case: {
    title: 'Progress', notFound: 'No such application of yours', category: 'Category', org: 'Committee', orgPhone: 'Phone', orgAddress: 'Address', mediators: 'Mediators', due: 'Deadline',
    place: 'Place', applied: 'Applied', summary: 'What happened', parties: 'Parties', me: 'you', progress: 'Progress', sessions: 'Sessions', session: '{time} · {place}',
    rejection: 'Not accepted', rejectionReason: 'Reason: {reason}', referral: 'Mediation failed', referralTo: 'You may go on through: {route}', agreement: 'Agreement', signedOn: 'Signed {day}',
    term: 'Term {n}', manner: 'How: {text}', deadline: 'By: {day}', judicialDue: 'For judicial confirmation, apply to the court together by {day}', openAgreement: 'Open the agreement',
    judicial: 'Judicial confirmation', judicialApplied: 'Applied to {court} on {day}', followUps: 'Follow-up visits', noMediator: 'To be assigned', waitingHint: 'The committee will accept it soon; keep your phone on',
  },
  state: { waiting: 'Waiting', accepted: 'Accepted', mediating: 'In mediation', agreed: 'Agreement reached', failed: 'Mediation failed', rejected: 'Not accepted', ended: 'Ended' },
  step: { applied: 'Applied', accepted: 'Accepted', mediating: 'Mediation', result: 'Outcome' },
  withdraw: {
    button: 'Withdraw', title: 'Withdraw the application', intro: 'The mediation ends; the committee and the mediators are told. You may apply again later.',
    reason: 'Why', reasonPh: 'e.g. settled with the other side', needReason: 'Say why (2+ characters)', confirm: 'Withdraw', cancel: 'Keep it',
    waiting: 'Kept on this phone; sent once online', sending: 'Sending the withdrawal…', refused: 'Not withdrawn: {msg}', draft: 'Withdraw {number}', outbox: 'Withdrawal of an application',
  },
  outbox: 'Mediation application',
  category: CATEGORIES_EN,
};
