import { createApp } from 'vue';
import 'vant/lib/index.css';
import { setUnauthorizedHandler } from '../api/http';
import App from './App.vue';
import { i18n, mobileLocale, setMobileLocale } from './i18n';
import { router } from './router';
import { sessionLost } from './session';
import { installVant } from './vant';
import { watchNetwork } from './offline/outbox';
import { registerServiceWorker } from './sw/register';
import './mobile.css';

// Session gone: to the login screen, then back to where the worker was. Drafts stay in the outbox.
setUnauthorizedHandler(() => {
  sessionLost();
  const here = router.currentRoute.value;
  if (here.name !== 'login') void router.replace({ name: 'login', query: { redirect: here.fullPath } });
});

setMobileLocale(mobileLocale());
watchNetwork();
registerServiceWorker();
const app = createApp(App).use(i18n).use(router);
installVant(app);
app.mount('#app');
