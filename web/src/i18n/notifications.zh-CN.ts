// The header's notice bell (zh-CN).
export default {
  notices: {
    title: '站内通知',
    bell: '通知（{n} 条未读）',
    readAll: '全部标为已读',
    readAllDone: '已将 {n} 条通知标为已读',
    empty: '暂无通知',
    unreadOnly: '只看未读',
    more: '共 {total} 条，显示最近 {shown} 条',
    loadError: '通知加载失败：{msg}',
    kind: { dispatch: '派遣', reopen: '重办', supervise: '督办', reply: '反馈', escalate: '上报', return: '退单', close: '办结',
      // 矛盾纠纷 (src/modules/mediation/cases/notices.ts)
      mediation: { register: '新案件', assign: '指派', unassign: '改派', recuse: '回避', supervise: '调解督办', warning: '预警', withdraw: '申请人撤回' },
    },
  },
};
