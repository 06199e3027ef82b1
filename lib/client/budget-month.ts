// The export's month, as the URL carries it (`?month=2026-11`). The server's default is
// the current month in UTC, so the picker's is too. Pure: `now` is an argument.

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** "2026-11" for any moment of November 2026, UTC. */
export function monthOf(nowMs: number): string {
  return new Date(nowMs).toISOString().slice(0, 7);
}

/** The URL's month when it is one and has begun; otherwise the current month. */
export function exportMonth(param: string | null, nowMs: number): string {
  const current = monthOf(nowMs);
  if (param === null || !MONTH.test(param)) return current;
  return param > current ? current : param;
}

export function exportHref(month: string): string {
  return `/api/budgets/export?${new URLSearchParams({ month })}`;
}
