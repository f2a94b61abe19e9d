import { tokenize } from '../classifier/tokenize.ts';

/** How alike two tickets are: place, time and words, each 0..1, and the weighted score that sorts suggestions. */

export const RADIUS_M = 300;
export const WINDOW_MS = 7 * 86_400_000;
const EARTH_M = 6_371_000;

/** Great-circle distance in metres (haversine). */
export function haversineM(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Jaccard of the jieba words and character bigrams of two texts (the classifier's tokens). */
export function textSimilarity(a: string, b: string): number {
  const A = new Set(tokenize(a));
  const B = new Set(tokenize(b));
  if (!A.size || !B.size) return 0;
  let both = 0;
  for (const x of A) if (B.has(x)) both++;
  return both / (A.size + B.size - both);
}

/** A candidate with no points on either side but the same grid scores as if 150 m away: near, not certain. */
export function placeScore(distanceM: number | null): number {
  return distanceM === null ? 0.5 : Math.max(0, 1 - distanceM / RADIUS_M);
}

export const timeScore = (msApart: number) => Math.max(0, 1 - Math.abs(msApart) / WINDOW_MS);

/** Words weigh most: two complaints about one lamp read alike; place and time only make them possible. */
export const score = (place: number, time: number, text: number) => Math.round((0.35 * place + 0.2 * time + 0.45 * text) * 1000) / 1000;
