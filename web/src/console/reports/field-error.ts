// The server names the bad field of a template (spec.columns.3.measure.filter.ageMin); the editor
// shows the message at that field. Provided by the editor, read by its parts.
import { inject, provide, type InjectionKey, type Ref } from 'vue';

export interface FieldError { field: string; message: string }
type ErrorAt = (path: string) => string | undefined;
const KEY: InjectionKey<ErrorAt> = Symbol('template-field-error');

/** The message for a form field: the error names it, or something inside it (tagsAny.0). */
export function provideFieldError(error: Ref<FieldError | null>): ErrorAt {
  const at: ErrorAt = (path) => {
    const e = error.value;
    return e && (e.field === path || e.field.startsWith(`${path}.`)) ? e.message : undefined;
  };
  provide(KEY, at);
  return at;
}

export const useFieldError = (): ErrorAt => inject(KEY, () => undefined);
