import type { Db } from '../db/index.js';
import { RateLimitedError } from '../http/rate-limit.js';

export interface FailedAuthThrottle {
  /** Throws 429 (with Retry-After) while the address has used up its failed attempts. */
  assertAllowed(address: string): Promise<void>;
  /** Counts a wrong admin token, agent token or sign-in from the address. */
  recordFailure(address: string): Promise<void>;
}

/**
 * `failures` wrong credentials per address in a fixed window of `seconds`, then 429 until the
 * window ends. Counted in the database (one row per address and window), so every instance sees
 * the same count and a restart does not reset it.
 */
export function createFailedAuthThrottle(db: Db, failures = 10, seconds = 900): FailedAuthThrottle {
  const windowMs = seconds * 1000;
  return {
    assertAllowed: async (address) => {
      const now = Date.now();
      const row = await db.get<{ n: number; window_start: number }>(
        'SELECT n, window_start FROM auth_failures WHERE address = ? AND window_start > ?',
        [address, now - windowMs],
      );
      if (row && row.n >= failures)
        throw new RateLimitedError(Math.max(1, Math.ceil((row.window_start + windowMs - now) / 1000)));
    },
    recordFailure: async (address) => {
      const now = Date.now();
      // A window that has ended starts again at 1; otherwise the count grows (one atomic statement).
      await db.run(
        `INSERT INTO auth_failures (address, window_start, n) VALUES (?, ?, 1)
         ON CONFLICT (address) DO UPDATE SET
           n = CASE WHEN auth_failures.window_start <= ? THEN 1 ELSE auth_failures.n + 1 END,
           window_start = CASE WHEN auth_failures.window_start <= ? THEN excluded.window_start ELSE auth_failures.window_start END`,
        [address, now, now - windowMs, now - windowMs],
      );
    },
  };
}
