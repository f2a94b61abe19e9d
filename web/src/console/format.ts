import type { AreaLevel, AreaNode } from '../api/types';

type T = (key: string, named?: Record<string, unknown>) => string;

export const CHILD_LEVEL: Record<AreaLevel, AreaLevel | null> = {
  city: 'district',
  district: 'street',
  street: 'community',
  community: 'grid',
  grid: null,
};

/** Element Plus tag type per level, so the five levels read apart at a glance. */
export const LEVEL_TAG: Record<AreaLevel, 'primary' | 'success' | 'warning' | 'info' | 'danger'> = {
  city: 'danger',
  district: 'primary',
  street: 'success',
  community: 'warning',
  grid: 'info',
};

/** "16街道 · 1391网格" for a district, "8网格" for a community, "356户" for a grid. */
export function countsLabel(node: Pick<AreaNode, 'level' | 'childCount' | 'gridCount' | 'households'>, t: T): string {
  const child = CHILD_LEVEL[node.level];
  if (!child) return t('unit.households', { n: node.households ?? 0 });
  const parts: string[] = [];
  if (child !== 'grid') parts.push(t(`unit.${child}`, { n: node.childCount ?? 0 }));
  parts.push(t('unit.grid', { n: child === 'grid' ? node.childCount ?? node.gridCount ?? 0 : node.gridCount ?? 0 }));
  return parts.join(' · ');
}

/**
 * A child's name without its parent's name in front: grids are named "友谊十八街坊第一社区第1网格",
 * which inside that community reads better as "第1网格".
 */
export function shortName(name: string, parentName: string | null | undefined): string {
  if (parentName && name.length > parentName.length + 1 && name.startsWith(parentName)) return name.slice(parentName.length);
  return name;
}

// The local kind of an area, as officials say it: 旗/县/区, 镇/乡/苏木, 村/嘎查.
const LOCAL_KIND: Partial<Record<AreaLevel, [RegExp, string][]>> = {
  district: [[/旗$/, '旗'], [/县$/, '县'], [/区$/, '区']],
  street: [[/镇$/, '镇'], [/乡$/, '乡'], [/苏木$/, '苏木']],
  community: [[/村$/, '村'], [/嘎查$/, '嘎查']],
};

/** The level's name for a tag: the local kind in Chinese (镇, 村, 旗 …), else the level. */
export function levelName(level: AreaLevel, name: string, t: T, locale: string): string {
  if (locale.startsWith('zh')) for (const [re, kind] of LOCAL_KIND[level] ?? []) if (re.test(name)) return kind;
  return t(`level.${level}`);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Local time as officials write it: 2026-11-24 09:05:03. */
export function formatTime(iso: string | null | undefined, seconds = true): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${seconds ? `${hm}:${pad(d.getSeconds())}` : hm}`;
}

export function formatNumber(n: number | null | undefined, locale: string): string {
  if (n === null || n === undefined) return '–';
  return n.toLocaleString(locale === 'en' ? 'en-US' : 'zh-CN');
}
