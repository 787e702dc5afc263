import { RateLimiterMemory } from 'rate-limiter-flexible';
import { RateLimitedError } from '../http/rate-limit.js';

export interface FailedAuthThrottle {
  /** Throws 429 (with Retry-After) while the address has used up its failed attempts. */
  assertAllowed(address: string): Promise<void>;
  /** Counts a wrong admin token, agent token or sign-in from the address. */
  recordFailure(address: string): Promise<void>;
}

/**
 * `failures` wrong credentials per address per `seconds`, then 429 until the window ends
 * (rate-limiter-flexible, in memory: per instance, like the public rate limit).
 */
export function createFailedAuthThrottle(failures = 10, seconds = 900): FailedAuthThrottle {
  const limiter = new RateLimiterMemory({ points: failures, duration: seconds });
  return {
    assertAllowed: async (address) => {
      const res = await limiter.get(address);
      if (res && res.consumedPoints >= failures)
        throw new RateLimitedError(Math.max(1, Math.ceil(res.msBeforeNext / 1000)));
    },
    recordFailure: async (address) => {
      await limiter.penalty(address, 1);
    },
  };
}
