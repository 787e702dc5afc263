import type { Context } from 'hono';

/**
 * The value of an X-Forwarded-* header that the trusted proxies put there: each hop appends what
 * it saw, so with `hops` trusted proxies in front the right one is `hops` from the end. Anything
 * further left was written by the client and may be forged. Undefined when absent or empty.
 */
export function readForwarded(c: Context, name: 'for' | 'proto' | 'host', hops = 1): string | undefined {
  const values = c.req.header(`x-forwarded-${name}`)?.split(',') ?? [];
  return values[values.length - Math.max(1, hops)]?.trim() || undefined;
}

/**
 * The caller's address: behind `hops` trusted proxies, the one the nearest-to-client trusted proxy
 * saw (never the leftmost, which the client writes); otherwise the socket's remote address.
 */
export function createClientIpReader(hops: number, getRemote: (c: Context) => string | undefined) {
  return function getClientIp(c: Context): string | undefined {
    return (hops > 0 ? readForwarded(c, 'for', hops) : undefined) ?? getRemote(c);
  };
}
