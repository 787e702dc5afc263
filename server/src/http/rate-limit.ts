import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Db } from '../db/index.js';
import { ApiError } from './errors.js';

export interface RateLimiter {
  /** Resolves when allowed; throws a 429 ApiError with the seconds to wait otherwise. */
  consume(key: string): Promise<void>;
}

export class RateLimitedError extends ApiError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'rate_limited', `Too many requests; retry after ${retryAfterSeconds} s`, undefined, {
      'Retry-After': String(retryAfterSeconds),
    });
  }
}

/** `points` requests per `seconds` per key (rate-limiter-flexible, in memory: per instance). */
export function createRateLimiter(points: number, seconds = 60): RateLimiter {
  const limiter = new RateLimiterMemory({ points, duration: seconds });
  return {
    consume: async (key) => {
      try {
        await limiter.consume(key);
      } catch (res) {
        if (res instanceof RateLimiterRes)
          throw new RateLimitedError(Math.max(1, Math.ceil(res.msBeforeNext / 1000)));
        throw res;
      }
    },
  };
}

/**
 * `points` requests per `seconds` per key, counted in the database: every instance on one
 * PostgreSQL shares the count (one upsert a request, fixed windows, one row per key). When the
 * database does not answer, each instance falls back to counting in its own memory (`fallback`):
 * requests keep being limited, per instance, rather than refused or let through unlimited.
 */
export function createSharedRateLimiter(
  db: Db,
  points: number,
  seconds = 60,
  fallback: RateLimiter = createRateLimiter(points, seconds),
): RateLimiter {
  const windowMs = seconds * 1000;
  return {
    consume: async (key) => {
      const now = Date.now();
      const start = now - (now % windowMs);
      let row: { n: number } | undefined;
      try {
        row = await db.get<{ n: number }>(
          `INSERT INTO rate_limits (key, window_start, n) VALUES (?, ?, 1)
           ON CONFLICT (key) DO UPDATE SET
             n = CASE WHEN rate_limits.window_start = excluded.window_start THEN rate_limits.n + 1 ELSE 1 END,
             window_start = excluded.window_start
           RETURNING n`,
          [key, start],
        );
      } catch {
        return fallback.consume(key);
      }
      if (row && Number(row.n) > points)
        throw new RateLimitedError(Math.max(1, Math.ceil((start + windowMs - now) / 1000)));
    },
  };
}
