// A small fetch wrapper for the Shiyu API: JSON in and out, the session cookie, the CSRF header on
// state-changing requests, and one error type carrying the server's {"error":{code,message,details}}.

export interface ApiErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The form field the server blamed (details.field), if any. */
  get field(): string | undefined {
    const d = this.details as { field?: unknown } | null;
    return d && typeof d.field === 'string' ? d.field : undefined;
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** A multipart body (a photo as field "file") instead of JSON. */
  form?: FormData;
  /** Sent as Idempotency-Key: a retried create is answered once (phones on bad networks, double clicks). */
  idempotencyKey?: string;
  /** Do not send the user to the login page on 401 (the login page itself, the session probe). */
  noAuthRedirect?: boolean;
  signal?: AbortSignal;
}

let onUnauthorized: (() => void) | null = null;
/** Installed once by the app: what to do when the session is gone (go to the login page). */
export function setUnauthorizedHandler(fn: () => void): void {
  onUnauthorized = fn;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function withQuery(url: string, query?: Query): string {
  if (!query) return url;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? `${url}${url.includes('?') ? '&' : '?'}${s}` : url;
}

export async function request<T>(method: string, url: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (opts.body !== undefined && !opts.form) headers['Content-Type'] = 'application/json';
  if (MUTATING.has(method)) headers['X-Requested-With'] = 'shiyu';
  if (opts.idempotencyKey) headers['Idempotency-Key'] = opts.idempotencyKey;
  let res: Response;
  try {
    res = await fetch(withQuery(url, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.form ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', '无法连接服务器 / cannot reach the server');
  }
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const e = (data as { error?: ApiErrorBody } | null)?.error;
    const err = new ApiError(res.status, e?.code ?? `http_${res.status}`, e?.message ?? `${res.status} ${res.statusText}`, e?.details ?? null);
    if (res.status === 401 && !opts.noAuthRedirect && onUnauthorized) onUnauthorized();
    throw err;
  }
  return data as T;
}

export const http = {
  get: <T>(url: string, query?: Query, opts: Omit<RequestOptions, 'query' | 'body'> = {}) => request<T>('GET', url, { ...opts, query }),
  post: <T>(url: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}) => request<T>('POST', url, { ...opts, body: body ?? {} }),
  patch: <T>(url: string, body: unknown, opts: Omit<RequestOptions, 'body'> = {}) => request<T>('PATCH', url, { ...opts, body }),
  put: <T>(url: string, body: unknown, opts: Omit<RequestOptions, 'body'> = {}) => request<T>('PUT', url, { ...opts, body }),
  delete: <T>(url: string, opts: RequestOptions = {}) => request<T>('DELETE', url, opts),
};

const CJK = /[\u4e00-\u9fff]/;

/** "中文 / English" → the half for the locale; anything else unchanged. */
function pickHalf(s: string, zh: boolean): string {
  const i = s.indexOf(' / ');
  if (i < 0) return s;
  const a = s.slice(0, i);
  const b = s.slice(i + 3);
  if (!CJK.test(a) || CJK.test(b.replace(/\u0000\d+\u0000/g, ''))) return s;
  return zh ? a : b;
}

/**
 * Server messages are written "中文 / English", sometimes with a bilingual remark in brackets:
 * "用户名或密码错误 / wrong username or password（还可尝试 4 次 / 4 attempts left）".
 * Show the half that matches the UI language (remarks included), or the message as it is.
 */
export function localizeMessage(message: string, locale: string): string {
  const zh = locale.startsWith('zh');
  const remarks: string[] = [];
  const outer = message.replace(/[（(]([^（）()]*)[）)]/g, (m, inner: string) => {
    const half = pickHalf(inner, zh);
    if (half === inner) return m; // not a bilingual remark: plain text
    remarks.push(half);
    return `\u0000${remarks.length - 1}\u0000`;
  });
  let text = pickHalf(outer, zh);
  // A remark that sat in the other language's half still belongs to the message.
  outer.replace(/\u0000(\d+)\u0000/g, (m) => {
    if (!text.includes(m)) text += m;
    return m;
  });
  return text.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => (zh ? `（${remarks[Number(i)]}）` : ` (${remarks[Number(i)]})`)).trim();
}
