import { createApp } from 'vue';
import 'element-plus/dist/index.css';
import { i18n } from '../i18n';
import { setUnauthorizedHandler } from '../api/http';
import { router } from './router';
import { clearSession } from './session';
import App from './App.vue';
import { installElement } from './element';
import './styles.css';

// Session gone (expired, signed out elsewhere): back to the login page, then back to where we were.
setUnauthorizedHandler(() => {
  clearSession();
  const here = router.currentRoute.value;
  if (here.name !== 'login') void router.replace({ name: 'login', query: { redirect: here.fullPath } });
});

const app = createApp(App).use(i18n).use(router);
installElement(app);
app.mount('#app');
