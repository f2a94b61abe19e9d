/** The API as one demo user, from Node (a browser test's setup and checks; not affected by the page's network being cut). */
export class ApiClient {
  private cookie = '';
  constructor(private readonly base: string, private readonly password = 'shiyu-demo-2026') {}

  async login(username: string): Promise<{ id: number; displayName: string; scopeCode: string }> {
    const res = await fetch(`${this.base}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-requested-with': 'shiyu' }, body: JSON.stringify({ username, password: this.password }),
    });
    if (!res.ok) throw new Error(`login ${username} ${res.status}`);
    this.cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    return (await res.json()).user;
  }

  async call<T = any>(method: string, url: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}${url}`, {
      method, body: body === undefined ? undefined : JSON.stringify(body),
      headers: { cookie: this.cookie, 'x-requested-with': 'shiyu', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
    return json as T;
  }
}
