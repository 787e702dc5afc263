const DAY_MS = 86_400_000;
/** Reports cover the last 90 days unless told otherwise. */
const DEFAULT_DAYS = 90;

/** [from, to) in epoch ms: a bare date as `to` includes that whole day. */
export function resolvePeriod(
  f: { from?: string; to?: string },
  now = Date.now(),
): { from: number; to: number } {
  const to = f.to ? Date.parse(f.to) + (f.to.length === 10 ? DAY_MS : 0) : now;
  const from = f.from ? Date.parse(f.from) : to - DEFAULT_DAYS * DAY_MS;
  return { from, to };
}
