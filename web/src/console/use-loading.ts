import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { localizeMessage } from '../api/http';

/** A page's loading flag and error text around its loads; server messages in the UI's language. */
export function useLoading() {
  const { locale } = useI18n();
  const loading = ref(false);
  const error = ref<string | null>(null);
  const message = (err: unknown) => localizeMessage((err as Error).message, locale.value);
  async function run(fn: () => Promise<unknown>): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      await fn();
    } catch (err) {
      error.value = message(err);
    } finally {
      loading.value = false;
    }
  }
  return { loading, error, message, run };
}
