// The phone page's own words (社工E通): Chinese by default, English beside it. Kept apart from the
// console's messages so the phone bundle stays small.
import { createI18n } from 'vue-i18n';
import { Locale as VantLocale } from 'vant';
import enUS from 'vant/es/locale/lang/en-US';
import zhCNVant from 'vant/es/locale/lang/zh-CN';
import { tkEn, tkZh } from './tickets/messages';
import { scEn, scZh } from './screening/messages';
import { mdEn, mdZh } from './mediation/messages';

const zhCN = {
  app: { name: '社工E通', subtitle: '网格员信息采集' },
  tab: { buildings: '楼栋', outbox: '待发送', me: '我的' },
  common: {
    back: '返回', save: '保存', cancel: '取消', confirm: '确定', delete: '删除', edit: '编辑', retry: '重试', loading: '加载中…',
    none: '无', offlineData: '离线数据（{time} 缓存）', offline: '当前离线', online: '在线', people: '{n} 人', required: '必填',
  },
  login: {
    title: '登录', username: '用户名', password: '密码', usernamePh: '请输入用户名', passwordPh: '请输入密码', submit: '登录',
    empty: '请输入用户名和密码', offline: '无法连接服务器，请联网后登录',
  },
  buildings: {
    title: '我的网格', count: '共 {n} 栋', list: '列表', map: '地图', search: '搜索楼栋名称或地址', empty: '本网格还没有楼栋', noMatch: '没有找到“{q}”',
    units: '{n} 个单元', households: '{n} 户', noLocation: '{n} 栋楼未标注位置，请在列表中查找', mapUnavailable: '此设备无法显示地图，请使用列表',
    loadFailed: '楼栋加载失败，且没有离线数据',
  },
  building: {
    units: '单元', noUnits: '该楼栋还没有单元', withoutUnit: '未分单元', floors: '{n} 层', kind: { residential: '住宅', commercial: '商业', mixed: '商住', public: '公共', bungalow: '平房' },
  },
  unit: {
    households: '住户', empty: '该单元还没有登记住户', add: '新增住户', pending: '待发送', rejected: '被退回', head: '户主：{name}', noHead: '未登记户主',
  },
  form: {
    newTitle: '新增住户', editTitle: '修改住户', fixTitle: '修改待发送草稿', address: '地址', room: '房号', roomPh: '如 501', phone: '联系电话', phonePh: '座机或手机',
    kind: '户别', kinds: { family: '家庭户', collective: '集体户' }, notes: '备注', tags: '住户标签', members: '家庭成员', member: '成员 {n}',
    addMember: '添加成员', removeMember: '移除', name: '姓名', namePh: '请输入姓名', idNumber: '身份证号', idNumberPh: '18 位公民身份号码',
    idUnchanged: '现为 {masked}，不改请留空', relation: '与户主关系', relationPh: '请选择', residenceType: '居住类型', memberTags: '人员标签',
    photos: '照片', addPhoto: '拍照 / 选图', photoNote: '大图会在手机上压缩后再上传', save: '保存', saved: '已保存，正在发送', savedOffline: '已存入待发送，联网后自动发送',
    fixErrors: '请先改正标红的内容', nameRequired: '请填写姓名', relationRequired: '请选择与户主关系', oneHead: '一户须有且只有一位户主，现有 {n} 位',
    sameId: '与成员 {n} 的身份证号相同', badPhone: '电话号码格式不对', noChanges: '没有改动', headFixed: '户主',
  },
  residence: { registered: '户籍', floating: '流动', overseas: '境外', left_behind: '留守' },
  household: {
    title: '住户详情', members: '成员', tags: '标签', photos: '照片', history: '变更记录', noHistory: '暂无变更记录', noPhotos: '暂无照片',
    notFound: '住户不存在或不在您的网格内', edit: '修改',
  },
  deregister: {
    action: '注销/迁出', householdAction: '整户注销', title: '注销/迁出：{name}', householdTitle: '整户注销：{name}',
    explain: '注销后此人不再出现在名单和统计中，变更记录保留；以后迁回可重新登记。', householdExplain: '该户已无在册成员。注销后不再出现在名单和统计中，变更记录保留。',
    reason: '原因', date: '日期', note: '备注', notePh: '如：迁往何处、由谁告知', confirm: '确认注销',
    reasons: {
      person: { death: '死亡', moved_out: '迁出', duplicate: '重复登记', other: '其他' },
      household: { moved_out: '整户迁出', demolished: '房屋拆除', merged: '并户', duplicate: '重复登记', other: '其他' },
    },
    reasonRequired: '请选择注销原因', dateRequired: '请选择日期', futureDate: '日期不能晚于今天',
    headBlocked: '{name} 是户主，户内还有 {n} 人在册，不能直接注销。请先点右上角「修改」，把另一位成员设为户主，再注销。',
    headRefused: '服务器未注销：{name} 是户主，户内还有其他成员在册。请先在住户页点「修改」把另一位成员设为户主，再点「重新发送」。',
    notEmptyRefused: '服务器未注销：该户还有成员在册。请先逐一注销成员，再点「重新发送」。',
    gone: '服务器上已找不到该记录（可能已被他人注销，或不在您的网格内），可以删除此草稿。',
    state: { pending: '注销待发送', rejected: '注销被退回', gone: '已注销', here: '' },
    householdState: { pending: '整户注销待发送，发送后该户从名单中移除', rejected: '整户注销被退回，请到「待发送」查看原因' },
    emptyHousehold: '该户已无在册成员',
  },
  history: {
    actions: { create: '新建', update: '修改', move: '迁移', tag_add: '加标签', tag_remove: '去标签', attach: '加照片', deregister: '注销', member_deregister: '成员注销' },
    by: '{name}', fields: {
      room: '房号', phone: '电话', address: '地址', tags: '标签', kind: '户别', notes: '备注', name: '姓名', idNumber: '身份证号', relation: '与户主关系',
      members: '成员', headPersonId: '户主', gridCode: '网格', buildingId: '楼栋', unitId: '单元', residenceType: '居住类型', attachment: '照片', sex: '性别',
      birthDate: '出生年月', ethnicity: '民族', householdId: '所属住户', tag: '标签', deregistered: '原因', memberDeregistered: '注销成员', nationality: '国籍',
    },
    memberHistory: '{name} 的变更记录', offline: '当前离线，联网后可查看变更记录',
  },
  outbox: {
    title: '待发送', count: '待发送 {n}', empty: '没有待发送的记录', resend: '重新发送', sending: '正在发送…', allSent: '已全部发送',
    stateWaiting: '等待联网', statePending: '待发送', stateRejected: '被退回，请修改', stateRefused: '被退回', stateRetry: '服务器暂时不可用，稍后重试',
    created: '建于 {time}', tries: '已尝试 {n} 次', fix: '修改', discard: '删除草稿', discardConfirm: '删除后这条记录不会发送，确定删除吗？',
    newHousehold: '新增住户', editHousehold: '修改住户', sentN: '已发送 {n} 条', needLogin: '登录已过期，请重新登录后发送', offlineHint: '当前没有网络，记录已保存在手机上，联网后自动发送',
    photosLeft: '还有 {n} 张照片', personDeregister: '注销/迁出', householdDeregister: '整户注销',
  },
  me: {
    title: '我的', role: '角色', grid: '负责网格', community: '所在社区', language: '语言', logout: '退出登录', logoutPending: '还有 {n} 条记录未发送，退出后仍保存在本机，下次登录继续发送。确定退出吗？',
    roles: { grid_worker: '网格员', resident: '居民', community_staff: '社区工作人员', street_staff: '街道工作人员', district_staff: '区级工作人员', city_admin: '市级管理员' },
    network: '网络状态',
  },
  errors: { network: '网络不可用', server: '服务器出错，请稍后再试', unknown: '出错了' },
  // The pin map of 随手拍: which grid the pinned place belongs to.
  pin: {
    place: '位置：{path}', handledBy: '（将由该网格受理）', looking: '正在确认所属网格…',
    outside: '该位置不在本市网格范围内，请重新选点', offline: '离线：提交后由系统定位网格', unknown: '暂时无法确认所属网格，提交后由系统定位',
    noMap: '此设备无法显示地图，请点“使用我的位置”',
  },
  tk: tkZh,
  sc: scZh,
  md: mdZh,
};

type Messages = typeof zhCN;

const en: Messages = {
  app: { name: 'Shiyu E-Link', subtitle: 'Grid worker data collection' },
  tab: { buildings: 'Buildings', outbox: 'Outbox', me: 'Me' },
  common: {
    back: 'Back', save: 'Save', cancel: 'Cancel', confirm: 'OK', delete: 'Delete', edit: 'Edit', retry: 'Retry', loading: 'Loading…',
    none: 'None', offlineData: 'Offline data (cached {time})', offline: 'Offline', online: 'Online', people: '{n} people', required: 'Required',
  },
  login: {
    title: 'Sign in', username: 'Username', password: 'Password', usernamePh: 'Your username', passwordPh: 'Your password', submit: 'Sign in',
    empty: 'Enter username and password', offline: 'Cannot reach the server; sign in when online',
  },
  buildings: {
    title: 'My grid', count: '{n} buildings', list: 'List', map: 'Map', search: 'Search name or address', empty: 'No buildings in this grid yet', noMatch: 'Nothing found for “{q}”',
    units: '{n} units', households: '{n} households', noLocation: '{n} buildings have no location; find them in the list', mapUnavailable: 'This device cannot show the map; use the list',
    loadFailed: 'Could not load buildings and no offline copy',
  },
  building: {
    units: 'Units', noUnits: 'This building has no units yet', withoutUnit: 'No unit', floors: '{n} floors', kind: { residential: 'Residential', commercial: 'Commercial', mixed: 'Mixed', public: 'Public', bungalow: 'Bungalow' },
  },
  unit: {
    households: 'Households', empty: 'No households registered in this unit', add: 'Add household', pending: 'Pending', rejected: 'Rejected', head: 'Head: {name}', noHead: 'No head registered',
  },
  form: {
    newTitle: 'New household', editTitle: 'Edit household', fixTitle: 'Fix draft', address: 'Address', room: 'Room', roomPh: 'e.g. 501', phone: 'Phone', phonePh: 'Landline or mobile',
    kind: 'Type', kinds: { family: 'Family', collective: 'Collective' }, notes: 'Notes', tags: 'Household tags', members: 'Members', member: 'Member {n}',
    addMember: 'Add member', removeMember: 'Remove', name: 'Name', namePh: 'Full name', idNumber: 'ID number', idNumberPh: '18-character citizen ID',
    idUnchanged: 'Now {masked}; leave empty to keep', relation: 'Relation to head', relationPh: 'Choose', residenceType: 'Residence', memberTags: 'Person tags',
    photos: 'Photos', addPhoto: 'Take / choose photo', photoNote: 'Large photos are shrunk on the phone before upload', save: 'Save', saved: 'Saved, sending', savedOffline: 'Saved to the outbox; it will be sent when online',
    fixErrors: 'Fix the fields marked in red first', nameRequired: 'Name is required', relationRequired: 'Choose the relation to the head', oneHead: 'A household needs exactly one head; found {n}',
    sameId: 'Same ID number as member {n}', badPhone: 'Not a phone number', noChanges: 'Nothing changed', headFixed: 'Head',
  },
  residence: { registered: 'Registered', floating: 'Floating', overseas: 'Overseas', left_behind: 'Left-behind' },
  household: {
    title: 'Household', members: 'Members', tags: 'Tags', photos: 'Photos', history: 'History', noHistory: 'No changes recorded', noPhotos: 'No photos',
    notFound: 'Household not found or outside your grid', edit: 'Edit',
  },
  deregister: {
    action: 'Deregister / moved out', householdAction: 'Deregister household', title: 'Deregister: {name}', householdTitle: 'Deregister household: {name}',
    explain: 'The person leaves every list and count; the history is kept, and they can be registered again if they come back.', householdExplain: 'Nobody is registered here any more. The household leaves every list and count; the history is kept.',
    reason: 'Reason', date: 'Date', note: 'Note', notePh: 'e.g. where to, who told you', confirm: 'Deregister',
    reasons: {
      person: { death: 'Died', moved_out: 'Moved out', duplicate: 'Duplicate', other: 'Other' },
      household: { moved_out: 'Moved out', demolished: 'Demolished', merged: 'Merged', duplicate: 'Duplicate', other: 'Other' },
    },
    reasonRequired: 'Choose a reason', dateRequired: 'Choose a date', futureDate: 'The date cannot be after today',
    headBlocked: '{name} heads this household and {n} others are registered here. Tap “Edit” to make another member the head first.',
    headRefused: 'Not deregistered: {name} heads the household and others are still registered. Make another member the head (Edit), then tap “Send again”.',
    notEmptyRefused: 'Not deregistered: members are still registered in this household. Deregister them first, then tap “Send again”.',
    gone: 'The record is no longer on the server (deregistered by someone else, or outside your grid); you can delete this draft.',
    state: { pending: 'Leaving: waiting to send', rejected: 'Deregistration refused', gone: 'Deregistered', here: '' },
    householdState: { pending: 'Deregistration waiting to send; the household leaves the list once sent', rejected: 'Deregistration refused: see the outbox' },
    emptyHousehold: 'Nobody is registered in this household',
  },
  history: {
    actions: { create: 'created', update: 'changed', move: 'moved', tag_add: 'tag added', tag_remove: 'tag removed', attach: 'photo added', deregister: 'deregistered', member_deregister: 'member deregistered' },
    by: '{name}', fields: {
      room: 'Room', phone: 'Phone', address: 'Address', tags: 'Tags', kind: 'Type', notes: 'Notes', name: 'Name', idNumber: 'ID number', relation: 'Relation',
      members: 'Members', headPersonId: 'Head', gridCode: 'Grid', buildingId: 'Building', unitId: 'Unit', residenceType: 'Residence', attachment: 'Photo', sex: 'Sex',
      birthDate: 'Birth month', ethnicity: 'Ethnicity', householdId: 'Household', tag: 'Tag', deregistered: 'Reason', memberDeregistered: 'Member deregistered', nationality: 'Nationality',
    },
    memberHistory: 'History of {name}', offline: 'Offline: the history can be seen once online',
  },
  outbox: {
    title: 'Outbox', count: '{n} to send', empty: 'Nothing waiting to be sent', resend: 'Send again', sending: 'Sending…', allSent: 'All sent',
    stateWaiting: 'Waiting for network', statePending: 'Waiting', stateRejected: 'Rejected: fix it', stateRefused: 'Refused', stateRetry: 'Server unavailable; will retry',
    created: 'Made {time}', tries: '{n} attempts', fix: 'Fix', discard: 'Delete draft', discardConfirm: 'The record will not be sent. Delete it?',
    newHousehold: 'New household', editHousehold: 'Household change', sentN: '{n} sent', needLogin: 'Session expired: sign in again to send', offlineHint: 'No network: records are kept on this phone and sent when online',
    photosLeft: '{n} photos left', personDeregister: 'Deregistration', householdDeregister: 'Household deregistration',
  },
  me: {
    title: 'Me', role: 'Role', grid: 'Grid', community: 'Community', language: 'Language', logout: 'Sign out', logoutPending: '{n} records are not sent yet; they stay on this phone and are sent after the next sign-in. Sign out?',
    roles: { grid_worker: 'Grid worker', resident: 'Resident', community_staff: 'Community staff', street_staff: 'Street staff', district_staff: 'District staff', city_admin: 'City admin' },
    network: 'Network',
  },
  errors: { network: 'No network', server: 'Server error; try again later', unknown: 'Something went wrong' },
  pin: {
    place: 'Place: {path}', handledBy: ' (this grid will take the report)', looking: 'Finding the grid…',
    outside: 'This place is in no grid of your city; please pick another', offline: 'Offline: the grid is found when the report is sent', unknown: 'Cannot check the grid now; it is found when the report is sent',
    noMap: 'This device cannot show the map; tap “Use my position”',
  },
  tk: tkEn,
  sc: scEn,
  md: mdEn,
};

export type MobileLocale = 'zh-CN' | 'en';
const STORAGE_KEY = 'shiyu.m.locale';

function initialLocale(): MobileLocale {
  try {
    if (localStorage.getItem(STORAGE_KEY) === 'en') return 'en';
  } catch {
    /* storage may be blocked */
  }
  return 'zh-CN';
}

export const i18n = createI18n({ legacy: false, locale: initialLocale(), fallbackLocale: 'zh-CN', messages: { 'zh-CN': zhCN, en }, missingWarn: false, fallbackWarn: false });

export function setMobileLocale(locale: MobileLocale): void {
  i18n.global.locale.value = locale;
  if (locale === 'en') VantLocale.use('en-US', enUS);
  else VantLocale.use('zh-CN', zhCNVant);
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    /* ignore */
  }
}

export const mobileLocale = (): MobileLocale => i18n.global.locale.value as MobileLocale;
export const t = (key: string, named?: Record<string, unknown>): string => (named ? i18n.global.t(key, named) : i18n.global.t(key));
