// 矛盾纠纷多元化解 pages of the console (en): cases, intake, case detail, organisations, mediators, figures, warnings.
import { STATES } from '../../../src/modules/mediation/workflow/states.ts';
import { ACTIONS } from '../../../src/modules/mediation/workflow/actions.ts';

const en = <K extends string>(o: Record<K, { en: string }>) => Object.fromEntries(Object.entries<{ en: string }>(o).map(([k, v]) => [k, v.en.charAt(0).toUpperCase() + v.en.slice(1)])) as Record<K, string>;

export default {
  mediation: {
    nav: { group: 'Disputes', cases: 'Cases', newCase: 'Register a case', orgs: 'Organisations', mediators: 'Mediators', stats: 'Figures', warnings: 'Warnings' },
    title: { cases: 'Dispute cases', newCase: 'Register a dispute', detail: 'Case' },
    state: en(STATES),
    action: { ...en(ACTIONS), register: 'Registered' },
    category: {
      family: 'Marriage and family', neighbour: 'Neighbours', housing_land: 'Housing and homestead', contract: 'Contract', business: 'Production and business',
      damages: 'Damages', forest_land: 'Forest and land', expropriation: 'Expropriation and demolition', pollution: 'Pollution', labour: 'Labour',
      consumer: 'Consumer', medical: 'Medical', traffic: 'Road traffic accident', property_mgmt: 'Property management', other: 'Other',
    },
    source: { walk_in: 'Application', initiative: 'On own initiative', ticket: 'From a ticket', petition: 'Petition hand-off', police: 'Police hand-off', court: 'Court hand-off', screening: 'Screening' },
    orgKind: {
      people_committee: "People's mediation committee", industry_committee: 'Industry committee', branded_studio: 'Branded studio', lawyer_studio: 'Lawyer studio',
      court_invited: 'Court-invited organisation', police_room: 'Police mediation room', non_litigation_centre: 'Non-litigation centre',
    },
    orgField: {
      property_mgmt: 'Property management', finance: 'Finance', medical: 'Medical', labour: 'Labour', traffic: 'Road traffic', consumer: 'Consumer', family: 'Family',
      construction: 'Construction', insurance: 'Insurance', ip: 'Intellectual property', tourism: 'Tourism', environment: 'Environment', other: 'Other',
    },
    mediatorKind: { full_time: 'Full-time', part_time: 'Part-time', lawyer: 'Lawyer', invited: 'Invited' },
    partyRole: { applicant: 'Applicant', respondent: 'Respondent', third_party: 'Third party' },
    partyKind: { person: 'Person', organisation: 'Organisation' },
    rejectReason: { not_civil: 'Not a civil dispute', in_litigation: 'Already in court', in_arbitration: 'Already in arbitration', by_authority: 'Handled by an authority', other: 'Other' },
    referral: { arbitration: 'Arbitration', administrative: 'Administrative handling', litigation: 'Litigation', petition: 'Petition', other: 'Other routes' },
    performance: { performed: 'Performed', partly: 'Partly performed', not_performed: 'Not performed' },
    judicialResult: { confirmed: 'Confirmed valid', rejected: 'Application rejected' },
    level: { city: 'City', district: 'District', street: 'Street / town', community: 'Community / village' },
    supervision: { yellow: 'Yellow card', red: 'Red card' },
    chosenBy: { committee: 'Named by the committee', parties: 'Chosen by the parties' },
    requestedBy: { party: 'Asked by a party', mediator: 'Mediator stepped aside' },
    relation: { committee: 'Committee', mediator: 'Mediator', supervisor: 'Supervisor', system: 'System' },
    overdue: 'Overdue', police: 'Reported to police',
    sep: ': ',
    loadFailed: 'Could not load: {msg}', retry: 'Retry',
    unit: { yuan: 'yuan', people: 'people', peopleN: '{n} people' },
    field: {
      state: 'State', source: 'Source', category: 'Category', org: 'Organisation', supervision: 'Supervision', overdue: 'Overdue', police: 'Reported to police', mine: 'My cases',
      referringBody: 'Referring body', referralNumber: 'Referral number', ticket: 'Ticket', summary: 'Summary', amount: 'Amount in dispute', peopleInvolved: 'People involved',
      place: 'Place', address: 'Address', parties: 'Parties', registeredAt: 'Registered', acceptedAt: 'Accepted', dueAt: 'Deadline', concludedAt: 'Concluded',
    },
    ph: {
      q: 'Case number or words', anySupervision: 'Any card', org: 'The organisation that receives it', category: 'Choose a category', summary: 'Cause, course, what each party asks',
      people: 'Default: the number of parties', place: 'A grid is best; a community or street will do', ticket: 'Ticket number or words', mediatorQ: 'Mediator name',
      referralNumber: 'e.g. KGT-2026-12',
      referringBody: { petition: 'e.g. Kundulun petition bureau', police: 'e.g. Shaoxianlu police station', court: "e.g. Kundulun people's court" },
    },
    sourceHint: {
      walk_in: 'A party applies in person, by phone or in writing.', initiative: 'The committee found the dispute itself (the parties must agree).',
      ticket: 'A 12345 or app ticket that is a civil dispute; the ticket is still answered on its own deadline.',
      petition: 'Handed over by the petition office: the referring body and its number are required.', police: 'Handed over by the police: the referring body and its number are required.',
      court: 'Pre-litigation mediation referred by a court: 30 days from receipt, one extension with the parties’ consent.', screening: 'Found in a screening campaign.',
    },
    col: { number: 'Number', summary: 'Dispute', state: 'State', org: 'Organisation', mediators: 'Mediators', place: 'Place', due: 'Deadline', source: 'Source', registered: 'Registered', ops: 'Actions' },
    list: { empty: 'No dispute cases yet', emptyFiltered: 'No case matches: clear some filters and try again' },
    party: {
      no: 'Party {n}', name: 'Name', orgName: 'Organisation name', idNumber: 'ID number', creditCode: 'Credit code', phone: 'Phone', address: 'Address',
      orgAddress: 'Registered address', legalRep: 'Legal representative', role: 'Role', add: 'Add a party', remove: 'Remove', codeHint: 'May wait; needed before an agreement',
      hint: 'At least one applicant and one respondent; ID numbers are checked (GB 11643).', sides: 'At least one applicant and one respondent are required',
    },
    form: {
      required: '{field} is required', choose: 'Choose the {field}', save: 'Register', saved: 'Registered as {number}', submit: 'OK', done: '{action}: done',
      otherTicket: 'Another ticket', noTicket: 'No ticket found (only registered tickets of your area can be referred)', ticketPlace: 'From the ticket: {area}', ticketPlaceLater: 'Taken from the ticket',
      note: 'Note', reason: 'Reason', party: 'Party', applicant: 'Applicant', mediators: 'Mediators', mediator: 'Mediator', chosenBy: 'Chosen by', requestedBy: 'Recusal',
      referral: 'Route given', days: 'Days', level: 'Card', policeReason: 'Why',
      policeHint: 'People’s Mediation Law art. 25: a dispute that may turn violent is reported to the local police.',
      extendHint: 'Pre-litigation mediation may be extended once, with every party’s consent, before it ends.',
    },
    assign: { lead: 'Lead', recused: 'Recused', none: 'No active mediator in this organisation', hint: 'The first ticked leads; those good at this category come first.' },
    detail: {
      back: 'Back', actions: 'Actions', noActions: 'Nothing to do now', basic: 'Case', parties: 'Parties', masked: '(numbers masked)',
      mediators: 'Mediators', noMediators: 'No mediator assigned yet', recusals: 'Recusals', assignedAt: 'Assigned', removed: 'Left', removedReasons: { recusal: 'recused', reassigned: 'reassigned' }, onCase: 'On the case',
      sessions: 'Sessions', noSessions: 'No session yet', agreement: 'Agreement', noAgreement: 'No agreement yet', judicial: 'Judicial confirmation', followUps: 'Follow-ups',
      agreementHidden: 'Only the case’s mediators, its committee and supervisors read the agreement.', timeline: 'History', notFound: 'No such case, or not yours to see',
      hidden: 'Only for those involved', extended: '(extended)', policeFlag: 'Reported to the police: {reason}',
    },
    session: {
      heldAt: 'When', place: 'Where', attendees: 'Present', attendeesPh: 'Choose or type names', minutes: 'Minutes', minutesPh: 'What each side said, the points in dispute, the outcome',
      saved: 'Session recorded', nth: 'Session {n}', minutesHidden: '(minutes only for those involved)', defaultPlace: '{org} mediation room',
    },
    agreement: {
      title: 'Mediation agreement', button: 'Record the agreement', parties: 'Parties bound', bound: 'Bound', identity: 'ID / credit code', signed: 'Signed', noIdentity: 'None on record', noAddress: 'No address on record',
      facts: 'Main facts', factsPh: 'How the dispute arose', disputes: 'Points in dispute', responsibilities: 'Responsibilities', terms: 'Terms',
      content: 'What is agreed', manner: 'How', deadline: 'By when', addTerm: 'Add a term', signedOn: 'Signed on', signedMediators: 'Signed by mediators',
      noMediator: 'No mediator on the case', submit: 'Save the agreement', saved: 'Agreement saved: the case is agreed', once: 'An agreement cannot be changed once saved.',
      incomplete: 'The agreement lacks {n} required items: see each field', judicialDueOn: 'Apply for confirmation by',
    },
    judicial: {
      court: 'Court', courtPh: "e.g. Kundulun people's court", appliedOn: 'Applied on', result: 'Ruling', window: 'Apply jointly within 30 days of the agreement: by {day}.',
      applied: 'Applied {day} to {court}', pending: 'awaiting the ruling', none: 'Not applied',
    },
    followUp: { performance: 'Performance', note: 'Findings', none: 'No follow-up yet' },
    record: { day: { judicial_apply: 'Applied on', judicial_result: 'Ruled on', follow_up: 'Visited on' } },
    reveal: {
      show: 'Show', title: 'Show the {field}', reason: 'Reason', reasonPh: 'e.g. checking identity for the agreement', reasonRule: 'Give a reason (at least 4 characters)',
      warning: 'Showing or printing full numbers is written to the audit log.', submit: 'Show', empty: 'None on record', once: 'Not shown again after closing',
    },
    print: {
      button: 'Print agreement', title: 'Print the agreement', masked: 'Numbers masked (file copy)', full: 'Full ID numbers (the copy the parties sign; audited)',
      reasonPh: 'e.g. the parties sign today', open: 'Open the print page',
    },
    orgs: {
      add: 'Add an organisation', edit: 'Edit organisation', editShort: 'Edit', name: 'Name', kind: 'Kind', field: 'Field', level: 'Level', area: 'Area',
      areaPh: 'The area it serves', phone: 'Office phone', address: 'Office address', mediators: 'Mediators', openCases: 'Open cases', active: 'State', on: 'On', off: 'Off',
      q: 'Name', empty: 'No organisations', saved: 'Organisation saved',
    },
    mediators: {
      add: 'Add a mediator', edit: 'Edit mediator', name: 'Name', org: 'Organisation', kind: 'Kind', specialties: 'Specialties', specialty: 'Specialty', specialtiesPh: 'Dispute categories',
      workload: 'Open cases', cases: '{n}', phone: 'Phone', phoneKeep: '{phone} (leave empty to keep)', login: 'Login', loginPh: 'A user with role mediator (optional)',
      q: 'Name', empty: 'No mediators', saved: 'Mediator saved',
    },
    stats: {
      title: 'Mediation figures', area: 'Area', period: 'Period', year: 'Year', quarter: 'Quarter', month: 'Month', range: 'Custom',
      yearOf: '{y}', quarterOf: '{y} Q{q}', rangeStart: 'From', rangeEnd: 'To', groupBy: 'By', go: 'Show', download: 'Excel',
      group: { category: 'Category', level: 'Level', organisation: 'Organisation', source: 'Source', month: 'Month', quarter: 'Quarter' },
      first: { category: 'Category', level: 'Level', organisation: 'Organisation', source: 'Source', month: 'Month', quarter: 'Quarter' },
      col: {
        received: 'Registered', accepted: 'Accepted', concluded: 'Concluded', agreed: 'Agreed', failed: 'Failed', successRate: 'Success rate', judicialApplied: 'Confirmation applied',
        judicialRate: 'Confirmation rate', avgDays: 'Avg days', medianDays: 'Median days', overdue: 'Overdue', policeFlagged: 'To police',
      },
      tip: { successRate: 'Agreed ÷ concluded (agreed + failed)', judicialRate: 'Agreements with a confirmation application ÷ agreements' },
      total: 'Total', noRate: '—', median: 'median {d}',
      scope: '{area}, {from} to {to}', generatedAt: 'Generated {at}', empty: 'No dispute registered in {area} from {from} to {to}',
      intro: 'By day of registration; concluded = agreed + failed (not accepted, refused and withdrawn apart); days are calendar days from acceptance to conclusion.',
    },
    warnings: {
      open: 'Open', done: 'Handled', level: 'Level', rule: 'Rule', reason: 'Why', raisedAt: 'Raised', handle: 'Handle', handledCol: 'Handling',
      note: 'What was done', notePh: 'e.g. visited both sides, calm now', handled: 'Handled', emptyOpen: 'No open warnings', emptyDone: 'No handled warnings',
    },
  },
};
