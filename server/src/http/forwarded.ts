import type { Context } from 'hono';

/** The first (client-side) value of an X-Forwarded-* header, or undefined when absent or empty. */
export function readForwarded(c: Context, name: 'for' | 'proto' | 'host'): string | undefined {
  return c.req.header(`x-forwarded-${name}`)?.split(',')[0]?.trim() || undefined;
}
