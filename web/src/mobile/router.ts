import { createRouter, createWebHistory } from 'vue-router';
import { loadSession, user } from './session';
// Views are in the main bundle, not loaded per route: a worker who loses the network mid-visit
// can still open every screen (only the map library loads on demand).
import BuildingsView from './views/BuildingsView.vue';
import BuildingView from './views/BuildingView.vue';
import HouseholdFormView from './views/HouseholdFormView.vue';
import HouseholdView from './views/HouseholdView.vue';
import LoginView from './views/LoginView.vue';
import MeView from './views/MeView.vue';
import OutboxView from './views/OutboxView.vue';
import UnitView from './views/UnitView.vue';
import MyTicketsView from './tickets/MyTicketsView.vue';
import NoticesView from './tickets/NoticesView.vue';
import ReportView from './tickets/ReportView.vue';
import TasksView from './tickets/TasksView.vue';
import TicketView from './tickets/TicketView.vue';
import TrackView from './tickets/TrackView.vue';
import FindingView from './screening/FindingView.vue';
import ScreeningTasksView from './screening/ScreeningTasksView.vue';
import ScreeningTaskView from './screening/ScreeningTaskView.vue';
import ApplyView from './mediation/ApplyView.vue';
import ApplicationView from './mediation/ApplicationView.vue';
import MyApplicationsView from './mediation/MyApplicationsView.vue';

/** Residents get 随手拍 / 我的诉求 / 我的 (with 消息通知) only; the registry screens are for staff. */
const RESIDENT_ROUTES = new Set(['report', 'my-tickets', 'my-ticket', 'me', 'notices', 'login', 'track', 'mediation-apply', 'my-mediation', 'my-mediation-case']);

// Served at /m (see src/app.ts); the three tabs carry meta.tab, the tab bar shows on them only.
export const router = createRouter({
  history: createWebHistory('/m/'),
  // A new screen starts at its top; going back returns to where the worker was.
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  routes: [
    { path: '/', redirect: '/buildings' },
    { path: '/login', name: 'login', component: LoginView, meta: { public: true } },
    { path: '/buildings', name: 'buildings', component: BuildingsView, meta: { tab: 'buildings' } },
    { path: '/buildings/:id', name: 'building', component: BuildingView, meta: { tab: 'buildings' } },
    { path: '/buildings/:id/units/:unit', name: 'unit', component: UnitView, meta: { tab: 'buildings' } },
    { path: '/households/new', name: 'household-new', component: HouseholdFormView },
    { path: '/households/:id', name: 'household', component: HouseholdView, meta: { tab: 'buildings' } },
    { path: '/households/:id/edit', name: 'household-edit', component: HouseholdFormView },
    { path: '/outbox', name: 'outbox', component: OutboxView, meta: { tab: 'outbox' } },
    { path: '/outbox/:draft', name: 'draft-fix', component: HouseholdFormView },
    { path: '/me', name: 'me', component: MeView, meta: { tab: 'me' } },
    { path: '/notices', name: 'notices', component: NoticesView, meta: { tab: 'me' } },
    { path: '/report', name: 'report', component: ReportView, meta: { tab: 'report' } },
    { path: '/my-tickets', name: 'my-tickets', component: MyTicketsView, meta: { tab: 'my-tickets' } },
    { path: '/my-tickets/:id(\\d+)', name: 'my-ticket', component: TicketView, meta: { tab: 'my-tickets' } },
    { path: '/tasks', name: 'tasks', component: TasksView, meta: { tab: 'tasks' } },
    { path: '/tasks/:id(\\d+)', name: 'task', component: TicketView, meta: { tab: 'tasks' } },
    // 矛盾纠纷排查: the grid's screening tasks, entered from 任务 (residents never reach them: RESIDENT_ROUTES).
    { path: '/screening', name: 'screening', component: ScreeningTasksView, meta: { tab: 'tasks' } },
    { path: '/screening/:id(\\d+)', name: 'screening-task', component: ScreeningTaskView, meta: { tab: 'tasks' } },
    { path: '/screening/:id(\\d+)/finding', name: 'screening-finding', component: FindingView },
    // 申请调解 / 我的调解: a resident's own applications for mediation, entered from 我的.
    { path: '/mediation/apply', name: 'mediation-apply', component: ApplyView, meta: { tab: 'me' } },
    { path: '/mediation', name: 'my-mediation', component: MyApplicationsView, meta: { tab: 'me' } },
    { path: '/mediation/:id(\\d+)', name: 'my-mediation-case', component: ApplicationView, meta: { tab: 'me' } },
    { path: '/track', name: 'track', component: TrackView, meta: { public: true } },
    { path: '/:rest(.*)*', redirect: '/buildings' },
  ],
});

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  await loadSession().catch(() => null);
  if (!user.value) return { name: 'login', query: to.fullPath !== '/buildings' ? { redirect: to.fullPath } : {} };
  if (user.value.role === 'resident' && !RESIDENT_ROUTES.has(String(to.name))) return { name: 'report' };
  return true;
});
