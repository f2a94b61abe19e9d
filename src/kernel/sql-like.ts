/** The user's text with LIKE's own % _ \ taken literally. */
export function escapeLike(s: string): string {
  return s.replace(/[%_\\]/g, '\\$&');
}

/** `%text%` for (I)LIKE: rows containing the text. */
export function likePattern(s: string): string {
  return `%${escapeLike(s)}%`;
}
