import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import type { Role } from '../api/types';
import { AUDITORS, USER_MANAGERS, currentUser, hasRole, loadSession } from './session';
import ConsoleLayout from './layout/ConsoleLayout.vue';
import LoginView from './login/LoginView.vue';

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
