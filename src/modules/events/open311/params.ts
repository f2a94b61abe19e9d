import { invalid, missing } from './errors.ts';

/**
 * Reading GeoReport parameters from a query string, a form body or a JSON body. "Optional" means an
 * empty parameter is the same as an absent one (the spec's words); a parameter given twice is refused.
 */
export type Params = Record<string, unknown>;

export function text(p: Params, name: string): string | undefined {
  const v = p[name];
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) throw invalid(name, '只能提供一次 / was given more than once');
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v !== 'string') throw invalid(name, '应为文本 / must be text');
  const t = v.trim();
  return t === '' ? undefined : t;
}

export function required(p: Params, name: string): string {
  const v = text(p, name);
  if (v === undefined) throw missing(name);
  return v;
}

export function list(p: Params, name: string): string[] | undefined {
  const v = text(p, name);
  return v === undefined ? undefined : v.split(',').map((s) => s.trim()).filter(Boolean);
}

export function number(p: Params, name: string, min: number, max: number): number | undefined {
  const v = text(p, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!/^-?[0-9]+(\.[0-9]+)?$/.test(v) || n < min || n > max) throw invalid(name, `应为 ${min} 到 ${max} 之间的数 / must be a number from ${min} to ${max}`);
  return n;
}

const W3_DATETIME = /^([0-9]{4}-[0-9]{2}-[0-9]{2})(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2}))?$/;
/** A W3C datetime with its zone (a bare date is midnight in Beijing). */
export function datetime(p: Params, name: string): Date | undefined {
  const v = text(p, name);
  if (v === undefined) return undefined;
  const m = W3_DATETIME.exec(v);
  const d = m ? new Date(m[2] ? v : `${m[1]}T00:00:00+08:00`) : new Date(NaN);
  if (Number.isNaN(d.getTime())) throw invalid(name, '应为 W3C 日期时间，如 2026-01-01T00:00:00+08:00 / must be a W3C datetime such as 2026-01-01T00:00:00Z');
  return d;
}

/** attribute[code]=value from a form (flat keys) or attribute: { code: value } from JSON. */
export function attributes(p: Params): Params {
  const out: Params = {};
  const nested = p.attribute;
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) Object.assign(out, nested);
  for (const [k, v] of Object.entries(p)) {
    const m = /^attribute\[([^\]]+)\](\[\])?$/.exec(k);
    if (m) out[m[1]] = m[2] ? [v].flat() : v;
  }
  return out;
}
