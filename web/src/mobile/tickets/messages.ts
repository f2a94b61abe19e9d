// Words of the ticket screens (随手拍, 我的诉求, 任务, 进度查询), merged into i18n.ts under "tk".
export const tkZh = {
  tabReport: '随手拍', tabMine: '我的诉求', tabTasks: '任务',
  demand: { complaint: '投诉', help: '求助', suggestion: '建议', consult: '咨询', report: '举报', other: '其他' },
  rating: { satisfied: '满意', basic: '基本满意', dissatisfied: '不满意' },
  report: {
    title: '随手拍', intro: '看到身边的问题，拍下来告诉我们', photos: '现场照片', place: '问题位置', useMine: '使用我的位置', locating: '正在定位…',
    pinHint: '在地图上点一下，标出问题所在', located: '已定位：{lon}, {lat}', noGeo: '无法获取位置（{why}），请在地图上点选', address: '详细地址', addressPh: '如：某小区3号楼东侧（可选）',
    type: '诉求类型', description: '问题描述', descriptionPh: '请描述问题：在哪里、什么情况、持续多久', phone: '联系电话', phonePh: '用于查询进度和回访',
    submit: '提交', needDescription: '请描述问题', needPlace: '请使用我的位置，或在地图上点选位置', sending: '正在提交…',
    sent: '已提交', numberIs: '工单编号', keepNumber: '请记下编号，可凭编号和电话查询进度', waiting: '已保存在手机上，联网后自动提交，不会重复提交',
    another: '再拍一条', viewMine: '查看我的诉求', refused: '提交被退回：{msg}',
  },
  mine: { title: '我的诉求', empty: '还没有提交过诉求', pending: '待提交', toRate: '待评价', rated: '已评价：{r}' },
  tasks: {
    title: '我的任务', empty: '目前没有需要处理的任务', overdue: '已超期', dueAt: '期限 {time}', noDue: '无期限', open: '待办', all: '全部', toVerify: '待核查', toSign: '待签收', toReply: '处置中',
  },
  ticket: {
    title: '工单详情', number: '编号', state: '状态', type: '类型', category: '分类', place: '位置', area: '所属区域', reporter: '反映人', received: '受理时间', due: '办理期限',
    assignee: '承办单位', description: '问题描述', photos: '照片', noPhotos: '暂无照片', timeline: '办理过程', answer: '办理结果', notFound: '工单不存在或您无权查看',
    openMap: '坐标 {lon}, {lat}',
  },
  act: {
    verify: '现场核查', passed: '核查通过', failed: '未解决，退回重办', note: '核查情况', notePh: '现场看到的情况', photos: '核查照片', needNote: '请填写核查情况',
    sign: '签收', reply: '处置反馈', result: '处置结果', resultPh: '做了什么、结果如何', needResult: '请填写处置结果',
    rate: '评价', ratePrompt: '对办理结果满意吗？', rateNote: '意见建议', rateNotePh: '可选', needRating: '请选择评价',
    submit: '提交', done: '已提交', queued: '已保存，联网后自动提交', pending: '有一条操作待发送', refused: '操作被退回：{msg}',
  },
  track: {
    title: '查询进度', link: '查询诉求进度（无需登录）', number: '工单编号', numberPh: '如 20261126-00001', phone: '联系电话', phonePh: '提交时留的电话',
    submit: '查询', badNumber: '编号格式为 8 位日期-5 位序号', needPhone: '请输入电话', notFound: '编号或电话不符，请核对', steps: '办理进度', result: '办理结果',
  },
  outboxCreate: '随手拍', outboxAction: '工单操作',
  notices: {
    title: '消息通知', entry: '消息通知', readAll: '全部已读', readAllDone: '已读 {n} 条', empty: '暂无消息', unread: '未读',
    kind: { dispatch: '派遣', reopen: '重办', supervise: '督办', reply: '反馈', escalate: '上报', return: '退单', close: '办结', mediation: { register: '新案件', assign: '指派', unassign: '改派', recuse: '回避', supervise: '调解督办', warning: '预警', withdraw: '申请人撤回' } },
  },
};

type Messages = typeof tkZh;

export const tkEn: Messages = {
  tabReport: 'Report', tabMine: 'My reports', tabTasks: 'Tasks',
  demand: { complaint: 'Complaint', help: 'Help', suggestion: 'Suggestion', consult: 'Question', report: 'Report', other: 'Other' },
  rating: { satisfied: 'Satisfied', basic: 'Fairly satisfied', dissatisfied: 'Not satisfied' },
  report: {
    title: 'Report a problem', intro: 'See a problem nearby? Take a photo and tell us', photos: 'Photos', place: 'Where', useMine: 'Use my position', locating: 'Locating…',
    pinHint: 'Tap the map where the problem is', located: 'Located: {lon}, {lat}', noGeo: 'No position ({why}); tap the map instead', address: 'Address', addressPh: 'e.g. east side of building 3 (optional)',
    type: 'Kind', description: 'Description', descriptionPh: 'Where, what, since when', phone: 'Phone', phonePh: 'To track progress and for the follow-up call',
    submit: 'Send', needDescription: 'Describe the problem', needPlace: 'Use your position or tap the map', sending: 'Sending…',
    sent: 'Sent', numberIs: 'Ticket number', keepNumber: 'Keep the number: with it and your phone you can track progress', waiting: 'Kept on this phone; sent once online, never twice',
    another: 'Report another', viewMine: 'My reports', refused: 'Refused: {msg}',
  },
  mine: { title: 'My reports', empty: 'No reports yet', pending: 'Waiting to send', toRate: 'Please rate', rated: 'Rated: {r}' },
  tasks: {
    title: 'My tasks', empty: 'Nothing to do right now', overdue: 'Overdue', dueAt: 'Due {time}', noDue: 'No deadline', open: 'Open', all: 'All', toVerify: 'To verify', toSign: 'To sign', toReply: 'In hand',
  },
  ticket: {
    title: 'Ticket', number: 'Number', state: 'State', type: 'Kind', category: 'Category', place: 'Place', area: 'Area', reporter: 'Reporter', received: 'Received', due: 'Due',
    assignee: 'Handled by', description: 'Description', photos: 'Photos', noPhotos: 'No photos', timeline: 'Progress', answer: 'Result', notFound: 'Ticket not found or not yours to see',
    openMap: 'Point {lon}, {lat}',
  },
  act: {
    verify: 'Verify on site', passed: 'Fixed', failed: 'Not fixed: back to the unit', note: 'What you found', notePh: 'What you saw on site', photos: 'Photos', needNote: 'Say what you found',
    sign: 'Sign for it', reply: 'Reply', result: 'Result', resultPh: 'What was done', needResult: 'Say what was done',
    rate: 'Rate', ratePrompt: 'Are you satisfied with the result?', rateNote: 'Comment', rateNotePh: 'Optional', needRating: 'Choose a rating',
    submit: 'Send', done: 'Sent', queued: 'Kept; sent once online', pending: 'An action is waiting to be sent', refused: 'Refused: {msg}',
  },
  track: {
    title: 'Track a report', link: 'Track a report (no sign-in)', number: 'Number', numberPh: 'e.g. 20261126-00001', phone: 'Phone', phonePh: 'The phone you gave',
    submit: 'Search', badNumber: 'The number is an 8-digit date, a dash and 5 digits', needPhone: 'Enter the phone', notFound: 'Number or phone does not match', steps: 'Progress', result: 'Result',
  },
  outboxCreate: 'Report', outboxAction: 'Ticket action',
  notices: {
    title: 'Notifications', entry: 'Notifications', readAll: 'Mark all read', readAllDone: '{n} marked read', empty: 'No notifications', unread: 'Unread',
    kind: { dispatch: 'Dispatched', reopen: 'Reopened', supervise: 'Supervision', reply: 'Replied', escalate: 'Escalated', return: 'Returned', close: 'Closed', mediation: { register: 'New case', assign: 'Assigned', unassign: 'Reassigned', recuse: 'Recusal', supervise: 'Supervision', warning: 'Warning', withdraw: 'Withdrawn' } },
  },
};
