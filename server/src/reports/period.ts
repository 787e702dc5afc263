const DAY_MS = 86_400_000;
/** Reports cover the last 90 days unless told otherwise. */
const DEFAULT_DAYS = 90;

/**
 * [from, to) in epoch ms. A bare date as `to` includes that whole day; without `to` the period
 * runs to the end of today (UTC), so default periods are whole days and can use the daily rollups.
 */
export function resolvePeriod(
  f: { from?: string; to?: string },
  now = Date.now(),
): { from: number; to: number } {
  const to = f.to
    ? Date.parse(f.to) + (f.to.length === 10 ? DAY_MS : 0)
    : Math.floor(now / DAY_MS) * DAY_MS + DAY_MS;
  const from = f.from ? Date.parse(f.from) : to - DEFAULT_DAYS * DAY_MS;
  return { from, to };
}

/** Whether a period starts and ends on UTC midnights. */
export function isWholeDays(p: { from: number; to: number }): boolean {
  return p.from % DAY_MS === 0 && p.to % DAY_MS === 0;
}
