import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
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
