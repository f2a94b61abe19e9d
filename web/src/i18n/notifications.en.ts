// The header's notice bell (en).
export default {
  notices: {
    title: 'Notifications',
    bell: 'Notifications ({n} unread)',
    readAll: 'Mark all read',
    readAllDone: '{n} notifications marked read',
    empty: 'No notifications',
    unreadOnly: 'Unread only',
    more: '{total} in all, the latest {shown} shown',
    loadError: 'Could not load notifications: {msg}',
    kind: { dispatch: 'Dispatched', reopen: 'Reopened', supervise: 'Supervision', reply: 'Replied', escalate: 'Escalated', return: 'Returned', close: 'Closed',
      // disputes (src/modules/mediation/cases/notices.ts)
      mediation: { register: 'New case', assign: 'Assigned', unassign: 'Reassigned', recuse: 'Recusal', supervise: 'Supervision', warning: 'Warning', withdraw: 'Withdrawn' },
    },
  },
};
