import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Issue } from '../domain/errors.js';
import { ApiError } from './errors.js';

/** 413: a body over the byte limit, or a batch over its item limit (API.md: 1 MiB; 100 items a batch). */
export class PayloadTooLargeError extends ApiError {
  constructor(message: string, issues?: Issue[]) {
    super(413, 'payload_too_large', message, issues);
  }
}

const overBytes = (max: number) => new PayloadTooLargeError(`The body is over ${max} bytes`);

/** 413 when `body[key]` is an array of more than `max` items; what else is wrong with it is the schema's to say. */
export function assertBatchSize(body: unknown, key: string, max: number): void {
  const items =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[key] : undefined;
  if (Array.isArray(items) && items.length > max) {
    const message = `send at most ${max} items a batch`;
    throw new PayloadTooLargeError(`The batch has ${items.length} items; ${message}`, [
      { path: key, message },
    ]);
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
      throw overBytes(max);
    },
  });
  return async function limitBodyHandler(c, next) {
    const declared = c.req.header('content-length');
    if (declared === undefined) return streaming(c, next);
    if (Number(declared) > max) throw overBytes(max);
    await next();
  };
}
