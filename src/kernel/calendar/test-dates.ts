// Test helpers: Shanghai wall-clock instants written by hand.
/** '2026-10-09T17:50' → that instant in Asia/Shanghai. */
export const sh = (local: string): Date => new Date(`${local}+08:00`);
/** The last instant of a Shanghai day. */
export const endOf = (day: string): Date => new Date(`${day}T23:59:59.999+08:00`);
