/**
 * HTML built only through the `html` tag: every interpolated value is escaped unless it is itself
 * `html` output, so a party called `<script>` prints as text and nothing of a value becomes markup.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
}

/** Markup already escaped (the result of `html`). */
export class Html {
  constructor(readonly text: string) {}
  toString(): string { return this.text; }
}

function render(value: unknown): string {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(value);
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0];
  values.forEach((v, i) => { out += render(v) + strings[i + 1]; });
  return new Html(out);
}

/** A text with line breaks as paragraphs (each escaped). */
export function paragraphs(text: string, className = 'text'): Html {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return html`${lines.map((l) => html`<p class="${className}">${l}</p>`)}`;
}
