import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from './errors.js';

class PayloadTooLargeError extends ApiError {
  constructor(max: number) {
    super(413, 'payload_too_large', `The body is over ${max} bytes`);
  }
}

/**
 * 413 for a body over `max` bytes. A declared Content-Length is checked up front (the HTTP parser
 * holds the body to it) so the request is never turned into a web stream; a chunked body goes
 * through Hono's streaming bodyLimit.
 */
export function limitBody(max: number): MiddlewareHandler {
  const streaming = bodyLimit({
    maxSize: max,
    onError: () => {
      throw new PayloadTooLargeError(max);
    },
  });
  return async function limitBodyHandler(c, next) {
    const declared = c.req.header('content-length');
    if (declared === undefined) return streaming(c, next);
    if (Number(declared) > max) throw new PayloadTooLargeError(max);
    await next();
  };
}
