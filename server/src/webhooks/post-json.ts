import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { assertPublicLiteral, ForbiddenTargetError, lookupPublicOnly } from './target.js';

/** What a delivery attempt came to: an HTTP status, or a reason safe to show (never the raw error). */
export type PostOutcome =
  | { status: number }
  | { error: 'timeout' | 'connection failed' | 'address not allowed' };

/**
 * POSTs a JSON body and reads only the status. Redirects are not followed (a 3xx is a failure), the
 * body of the answer is discarded, and unless `allowPrivate`, the connection goes only to a public
 * address checked at connect time (see lookupPublicOnly).
 */
export function postJson(
  url: string,
  headers: Record<string, string>,
  body: string,
  opts: { timeoutMs: number; allowPrivate: boolean },
): Promise<PostOutcome> {
  return new Promise((resolve) => {
    const target = new URL(url);
    try {
      if (!opts.allowPrivate) assertPublicLiteral(target);
    } catch {
      return resolve({ error: 'address not allowed' });
    }
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(target, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      timeout: opts.timeoutMs,
      ...(opts.allowPrivate ? {} : { lookup: lookupPublicOnly }),
    });
    const timer = setTimeout(() => req.destroy(new TimeoutError()), opts.timeoutMs);
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => clearTimeout(timer));
      resolve({ status: res.statusCode ?? 0 });
    });
    req.on('timeout', () => req.destroy(new TimeoutError()));
    req.on('error', (err) => {
      clearTimeout(timer);
      if (err instanceof TimeoutError) resolve({ error: 'timeout' });
      else if (err instanceof ForbiddenTargetError) resolve({ error: 'address not allowed' });
      else resolve({ error: 'connection failed' });
    });
    req.end(body);
  });
}

class TimeoutError extends Error {}
