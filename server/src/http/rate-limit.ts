import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Db } from '../db/index.js';
import { nextTurn } from '../domain/next-turn.js';
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
 * PostgreSQL shares the count (fixed windows, one row per key). The requests an instance takes for
 * one key while its last count is on its way are counted together by the next upsert (k at once,
 * each allowed by its place among them), so a busy key costs one statement a turn, not one a
 * request, and instances do not queue on its row. When the database does not answer, each
 * instance falls back to counting in its own memory (`fallback`): requests keep being limited, per
 * instance, rather than refused or let through unlimited. With `isolatedRequests` (Workers: workerd
 * does not let a request wait on I/O that another started) each request makes its own upsert.
 */
export function createSharedRateLimiter(
  db: Db,
  points: number,
  seconds = 60,
  fallback: RateLimiter = createRateLimiter(points, seconds),
  opts: { isolatedRequests?: boolean } = {},
): RateLimiter {
  const windowMs = seconds * 1000;
  type Waiting = { resolve: () => void; reject: (e: unknown) => void };
  const queues = new Map<string, { waiting: Waiting[]; busy: boolean }>();

  /** Counts the waiting requests for one key with one upsert, allowing each by its place. */
  async function countTogether(key: string, batch: Waiting[]) {
    const now = Date.now();
    const start = now - (now % windowMs);
    try {
      const row = await db.get<{ n: number }>(
        `INSERT INTO rate_limits (key, window_start, n) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET
           n = CASE WHEN rate_limits.window_start = excluded.window_start THEN rate_limits.n + excluded.n ELSE excluded.n END,
           window_start = excluded.window_start
         RETURNING n`,
        [key, start, batch.length],
      );
      const first = Number(row?.n ?? batch.length) - batch.length;
      const wait = Math.max(1, Math.ceil((start + windowMs - now) / 1000));
      for (const [i, w] of batch.entries()) {
        if (first + i + 1 > points) w.reject(new RateLimitedError(wait));
        else w.resolve();
      }
    } catch (err) {
      // Said, not silent: an operator sees the limit is counted per instance meanwhile.
      console.error('rate limit: the database did not count, counting in this process meanwhile:', err);
      for (const w of batch) fallback.consume(key).then(w.resolve, w.reject);
    }
  }

  async function count(key: string) {
    const queue = queues.get(key)!;
    const batch = queue.waiting.splice(0);
    queue.busy = true;
    try {
      await countTogether(key, batch);
    } finally {
      queue.busy = false;
      if (queue.waiting.length) nextTurn(() => count(key));
      else queues.delete(key);
    }
  }

  if (opts.isolatedRequests)
    return {
      consume: (key) => new Promise<void>((resolve, reject) => countTogether(key, [{ resolve, reject }])),
    };
  return {
    consume: (key) =>
      new Promise<void>((resolve, reject) => {
        let queue = queues.get(key);
        if (!queue) {
          queue = { waiting: [], busy: false };
          queues.set(key, queue);
        }
        queue.waiting.push({ resolve, reject });
        if (queue.waiting.length === 1 && !queue.busy) nextTurn(() => count(key));
      }),
  };
}
