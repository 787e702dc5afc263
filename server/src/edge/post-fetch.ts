import type { Poster } from '../webhooks/dispatch.js';
import { assertPublicWithoutLookup } from '../webhooks/public-address.js';

/**
 * A webhook POST with the Workers runtime's fetch: no redirect followed (a 3xx is a failure), the
 * answer's body discarded, a literal non-public address or a localhost name refused. Other names are not resolved here (a
 * Worker has no DNS lookup of its own): a Worker's subrequests go out through Cloudflare's network
 * to the public internet, which does not route to the deployment's own private networks.
 */
export const postWithFetch: Poster = async (url, headers, body, opts) => {
  const target = new URL(url);
  try {
    if (!opts.allowPrivate) assertPublicWithoutLookup(target);
  } catch {
    return { error: 'address not allowed' };
  }
  try {
    const res = await fetch(target, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
    await res.body?.cancel();
    return { status: res.status };
  } catch (err) {
    return (err as Error)?.name === 'TimeoutError' || (err as Error)?.name === 'AbortError'
      ? { error: 'timeout' }
      : { error: 'connection failed' };
  }
};
