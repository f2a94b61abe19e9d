import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import type { Role } from '../api/types';
import { AUDITORS, REGISTRY_READERS, REGISTRY_WRITERS, REPORT_READERS, TEMPLATE_WRITERS, USER_MANAGERS, currentUser, hasRole, loadSession } from './session';
import ConsoleLayout from './layout/ConsoleLayout.vue';
import LoginView from './login/LoginView.vue';
import { BOARD_ROLES, CONFIG_READERS, INBOX_ROLES, INTAKE_ROLES, KPI_ROLES } from './tickets/access';
import { CASE_CREATORS, MEDIATION_READERS, STATS_ROLES, WARNING_ROLES } from './mediation/access';
import { SCREENING_READERS } from './mediation/screening/access';

declare module 'vue-router' {
  interface RouteMeta {
    /** Public page (no login needed). */
    public?: boolean;
    /** Roles that may open the page; absent = every signed-in user. */
    roles?: readonly Role[];
    /** i18n key of the page title. */
    title?: string;
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: LoginView, meta: { public: true, title: 'login.title' } },
  {
    path: '/',
    component: ConsoleLayout,
    children: [
      { path: '', redirect: { name: 'overview' } },
      { path: 'overview', name: 'overview', component: () => import('./overview/OverviewView.vue'), meta: { title: 'nav.overview' } },
      // The map view pulls in MapLibre, so it loads only when opened.
      { path: 'map/:code?', name: 'map', component: () => import('./areas/AreaMapView.vue'), meta: { title: 'nav.map' } },
      { path: 'areas', name: 'areas', component: () => import('./areas/AreaTreeView.vue'), meta: { title: 'nav.areas' } },
      { path: 'users', name: 'users', component: () => import('./users/UsersView.vue'), meta: { title: 'nav.users', roles: USER_MANAGERS } },
      // 基层一表通 registry and reports
      { path: 'registry/people', name: 'people', component: () => import('./registry/PeopleView.vue'), meta: { title: 'registry.nav.people', roles: REGISTRY_READERS } },
      { path: 'registry/households', name: 'households', component: () => import('./registry/HouseholdsView.vue'), meta: { title: 'registry.nav.households', roles: REGISTRY_READERS } },
      { path: 'registry/buildings', name: 'buildings', component: () => import('./registry/BuildingsView.vue'), meta: { title: 'registry.nav.buildings', roles: REGISTRY_READERS } },
      { path: 'registry/rental-houses', name: 'rental-houses', component: () => import('./registry/RentalHousesView.vue'), meta: { title: 'registry.nav.rentalHouses', roles: REGISTRY_READERS } },
      { path: 'registry/organisations', name: 'organisations', component: () => import('./registry/OrganisationsView.vue'), meta: { title: 'registry.nav.organisations', roles: REGISTRY_READERS } },
      { path: 'registry/tags', name: 'tags', component: () => import('./registry/TagsView.vue'), meta: { title: 'registry.nav.tags', roles: REGISTRY_READERS } },
      { path: 'registry/import', name: 'import', component: () => import('./registry/ImportView.vue'), meta: { title: 'registry.nav.import', roles: REGISTRY_WRITERS } },
      { path: 'reports', name: 'reports', component: () => import('./reports/ReportsView.vue'), meta: { title: 'registry.nav.reports', roles: REPORT_READERS } },
      { path: 'reports/new', name: 'report-new', component: () => import('./reports/TemplateEditorView.vue'), meta: { title: 'reports.editor.createTitle', roles: TEMPLATE_WRITERS } },
      { path: 'reports/:id(\\d+)', name: 'report-run', component: () => import('./reports/ReportRunView.vue'), meta: { title: 'registry.nav.reports', roles: REPORT_READERS } },
      { path: 'reports/:id(\\d+)/edit', name: 'report-edit', component: () => import('./reports/TemplateEditorView.vue'), meta: { title: 'reports.editor.editTitle', roles: TEMPLATE_WRITERS } },
      // 事件处置 the event loop: 受理台, 工单列表 (派遣台, 督办), 收件箱, 工单详情
      { path: 'tickets/intake', name: 'intake', component: () => import('./tickets/IntakeView.vue'), meta: { title: 'tickets.nav.intake', roles: INTAKE_ROLES } },
      { path: 'tickets', name: 'tickets', component: () => import('./tickets/BoardView.vue'), meta: { title: 'tickets.nav.board', roles: BOARD_ROLES } },
      { path: 'tickets/inbox', name: 'inbox', component: () => import('./tickets/InboxView.vue'), meta: { title: 'tickets.nav.inbox', roles: INBOX_ROLES } },
      // A mediator opens a ticket of their area to take the dispute from it (转人民调解).
      { path: 'tickets/:id(\\d+)', name: 'ticket', component: () => import('./tickets/TicketDetailView.vue'), meta: { title: 'tickets.title.detail', roles: [...BOARD_ROLES, 'mediator'] } },
      { path: 'tickets/kpis', name: 'ticket-kpis', component: () => import('./tickets/KpiView.vue'), meta: { title: 'ticketAdmin.nav.kpis', roles: KPI_ROLES } },
      { path: 'tickets/categories', name: 'ticket-categories', component: () => import('./tickets/CategoriesView.vue'), meta: { title: 'ticketAdmin.nav.categories', roles: CONFIG_READERS } },
      { path: 'tickets/routing-rules', name: 'routing-rules', component: () => import('./tickets/RoutingRulesView.vue'), meta: { title: 'ticketAdmin.nav.routingRules', roles: CONFIG_READERS } },
      { path: 'tickets/deadline-policy', name: 'deadline-policy', component: () => import('./tickets/DeadlinePolicyView.vue'), meta: { title: 'ticketAdmin.nav.deadlinePolicy', roles: CONFIG_READERS } },
      { path: 'tickets/departments', name: 'departments', component: () => import('./tickets/DepartmentsView.vue'), meta: { title: 'departments.nav', roles: ['city_admin'] } },
      // 矛盾纠纷多元化解: cases from every door, the case page, organisations, mediators, figures, warnings
      { path: 'mediation/cases', name: 'mediation-cases', component: () => import('./mediation/CaseListView.vue'), meta: { title: 'mediation.nav.cases', roles: MEDIATION_READERS } },
      { path: 'mediation/cases/new', name: 'mediation-case-new', component: () => import('./mediation/CaseFormView.vue'), meta: { title: 'mediation.nav.newCase', roles: CASE_CREATORS } },
      { path: 'mediation/cases/:id(\\d+)', name: 'mediation-case', component: () => import('./mediation/CaseDetailView.vue'), meta: { title: 'mediation.title.detail', roles: MEDIATION_READERS } },
      { path: 'mediation/organisations', name: 'mediation-orgs', component: () => import('./mediation/OrganisationsView.vue'), meta: { title: 'mediation.nav.orgs', roles: MEDIATION_READERS } },
      { path: 'mediation/mediators', name: 'mediation-mediators', component: () => import('./mediation/MediatorsView.vue'), meta: { title: 'mediation.nav.mediators', roles: MEDIATION_READERS } },
      { path: 'mediation/stats', name: 'mediation-stats', component: () => import('./mediation/StatsView.vue'), meta: { title: 'mediation.nav.stats', roles: STATS_ROLES } },
      { path: 'mediation/settings', name: 'mediation-settings', component: () => import('./mediation/SettingsView.vue'), meta: { title: 'medSettings.title', roles: ['city_admin'] } },
      { path: 'mediation/warnings', name: 'mediation-warnings', component: () => import('./mediation/WarningsView.vue'), meta: { title: 'mediation.nav.warnings', roles: WARNING_ROLES } },
      { path: 'mediation/screening', name: 'mediation-screening', component: () => import('./mediation/screening/CampaignListView.vue'), meta: { title: 'screening.nav', roles: SCREENING_READERS } },
      { path: 'mediation/screening/:id(\\d+)', name: 'mediation-screening-campaign', component: () => import('./mediation/screening/CampaignDetailView.vue'), meta: { title: 'screening.nav', roles: SCREENING_READERS } },
      { path: 'calendar', name: 'calendar', component: () => import('./admin/CalendarView.vue'), meta: { title: 'calendar.nav', roles: ['city_admin'] } },
      { path: 'audit', name: 'audit', component: () => import('./audit/AuditView.vue'), meta: { title: 'nav.audit', roles: AUDITORS } },
      { path: 'forbidden', name: 'forbidden', component: () => import('./components/ErrorPage.vue'), props: { kind: 'forbidden' } },
      { path: ':rest(.*)*', name: 'not-found', component: () => import('./components/ErrorPage.vue'), props: { kind: 'notFound' } },
    ],
  },
];

export const router = createRouter({
  history: createWebHistory('/'),
  routes,
});

router.beforeEach(async (to) => {
  if (to.meta.public) {
    // A signed-in user who opens the login page goes straight to the console.
    if (to.name === 'login' && currentUser.value) return { name: 'overview' };
    return true;
  }
  const user = await loadSession().catch(() => null);
  if (!user) return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} };
  if (!hasRole(to.meta.roles)) return { name: 'forbidden' };
  return true;
});
