// 统计期间 of the KPI page: a month, a quarter or two dates, as the from/to days (Shanghai) the API
// takes. A period not yet over ends today, so its title does not promise days that have not come.

const pad = (n: number) => String(n).padStart(2, '0');

/** Today in China (YYYY-MM-DD), whatever the browser's time zone. */
export function todayInChina(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate(); // m: 1–12
const capped = (to: string, today: string) => (to > today ? today : to);

/** "2026-11" → 2026-11-01 … 2026-11-30 (or today). */
export function monthRange(month: string, today = todayInChina()): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  return { from: `${y}-${pad(m)}-01`, to: capped(`${y}-${pad(m)}-${pad(lastDay(y, m))}`, today) };
}

/** "2026-Q4" → 2026-10-01 … 2026-12-31 (or today). */
export function quarterRange(quarter: string, today = todayInChina()): { from: string; to: string } {
  const y = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  const first = (q - 1) * 3 + 1;
  return { from: `${y}-${pad(first)}-01`, to: capped(`${y}-${pad(first + 2)}-${pad(lastDay(y, first + 2))}`, today) };
}

/** This quarter and the seven before it, newest first: 2026-Q4, 2026-Q3 … */
export function recentQuarters(today = todayInChina(), n = 8): { value: string; y: number; q: number }[] {
  let y = Number(today.slice(0, 4));
  let q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  const out: { value: string; y: number; q: number }[] = [];
  for (let i = 0; i < n; i++) {
    out.push({ value: `${y}-Q${q}`, y, q });
    if (--q === 0) { q = 4; y--; }
  }
  return out;
}

/** 97.2% from 0.9724; a rate without a denominator is not 0%. */
export function percentText(rate: number | null, none: string): string {
  return rate === null ? none : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}
