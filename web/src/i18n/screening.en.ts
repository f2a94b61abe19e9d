// 矛盾纠纷排查 pages of the console (en).
export default {
  screening: {
    nav: 'Dispute screening',
    list: {
      title: 'Screening campaigns', new: 'Start a campaign', all: 'All', current: 'Running', upcoming: 'Not started', ended: 'Ended',
      empty: 'No screening campaign yet', emptyFiltered: 'No campaign matches', emptyHint: 'Start one: every grid of the areas chosen gets a screening task',
    },
    col: {
      title: 'Campaign', period: 'Period', areas: 'Areas', progress: 'Progress', counts: 'Pending / under way / done', findings: 'Disputes found',
      createdBy: 'Started by', grid: 'Grid', community: 'Community', status: 'Status', answered: 'Items checked', found: 'Found', cases: 'Cases filed', doneAt: 'Done at', workers: 'Grid workers',
    },
    progressOf: '{done}/{grids} grids',
    gridsN: '{n} grids',
    findingsN: '{n}',
    status: { pending: 'Pending', in_progress: 'Under way', done: 'Done' },
    late: 'Late',
    form: {
      title: 'Start a dispute screening (排查)', name: 'Title', namePh: 'e.g. Screening before the Spring Festival 2026', period: 'Period', from: 'From', to: 'To',
      areas: 'Areas', areasHint: 'Streets, communities or grids of your area; each grid gets a task', addArea: 'Add area', pickArea: 'Choose an area', noAreas: 'Choose at least one area',
      checklist: 'Checklist', item: 'Item', itemPh: 'e.g. Neighbour disputes', category: 'Filed as', addItem: 'Add item', resetItems: 'Usual items',
      remove: 'Remove', required: '{field} is required', submit: 'Start', created: 'Campaign started: {n} grid tasks', fixErrors: 'Please fix the fields in red',
      toBeforeFrom: 'The end is before the start', tooManyItems: 'At most 30 items', toPast: 'The end date has passed',
      nameShort: 'At least 4 characters', itemShort: '2 to 30 characters', itemTwice: 'Same as item {n}', noItems: 'At least one item',
    },
    detail: {
      back: 'Back to campaigns', period: 'Period', areas: 'Areas', checklist: 'Checklist', createdBy: 'Started', grids: 'Grid tasks', progress: 'Progress',
      pending: 'Pending', inProgress: 'Under way', done: 'Done', findings: 'Disputes found', statusAll: 'Any status', area: 'Area', download: 'Export progress (Excel)',
      empty: 'No grid matches', gridsTitle: 'Progress per grid', answeredOf: '{n}/{total}', none: '—',
      noWorker: 'No grid worker yet', filledBy: 'Filled in by {name}',
    },
    loadFailed: 'Could not load: {msg}', retry: 'Retry',
  },
};
