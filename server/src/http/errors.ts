import type { ErrorBody } from '@moments/shared';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { isDatabaseUnavailable } from '../db/unavailable.js';

export type Issue = { path: string; message: string };

/** A domain error with its HTTP status; thrown anywhere, answered at the edge by onError. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly issues?: Issue[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export class ValidationError extends ApiError {
  constructor(issues: Issue[], message = 'The request is not valid') {
    super(400, 'invalid_request', message, issues);
  }
}
export class UnauthorizedError extends ApiError {
  constructor(message = 'Missing or wrong credential') {
    super(401, 'unauthorized', message);
  }
}
export class ForbiddenError extends ApiError {
  constructor(message = 'This credential may not do that') {
    super(403, 'forbidden', message);
  }
}
export class NotFoundError extends ApiError {
  constructor(what: string) {
    super(404, 'not_found', `${what} not found`);
  }
}
export class ConflictError extends ApiError {
  constructor(message: string) {
    super(409, 'conflict', message);
  }
}

/** The database cannot be reached now: 503 with Retry-After, never a 500 (driver errors are mapped in handleError). */
export class DatabaseUnavailableError extends ApiError {
  constructor(retryAfterSeconds = 5) {
    super(503, 'unavailable', 'The database is unavailable; try again shortly', undefined, {
      'Retry-After': String(retryAfterSeconds),
    });
  }
}

/** zod issues as `{path, message}`, the path dotted (`responses.3.answers.0.value`). */
export function toIssues(error: z.ZodError, prefix: (string | number)[] = []): Issue[] {
  return error.issues.map((i) => ({
    path: [...prefix, ...i.path].map(String).join('.') || '(body)',
    message: i.message,
  }));
}

/** The one error body of the API. */
export function makeErrorBody(code: string, message: string, issues?: Issue[]): ErrorBody {
  return { error: { code, message, ...(issues ? { issues } : {}) } };
}

const codeByStatus: Record<number, string> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'unavailable',
};

/** Turns any thrown error into the error body; never lets bad input become a 500. */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof ApiError) {
    for (const [k, v] of Object.entries(err.headers ?? {})) c.header(k, v);
    return c.json(makeErrorBody(err.code, err.message, err.issues), err.status);
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const res = err.getResponse();
    res.headers.forEach((v, k) => {
      if (k.toLowerCase() !== 'content-type' && k.toLowerCase() !== 'content-length') c.header(k, v);
    });
    return c.json(makeErrorBody(codeByStatus[status] ?? 'error', err.message || 'Request failed'), status);
  }
  if (isDatabaseUnavailable(err)) return handleError(new DatabaseUnavailableError(), c);
  console.error('unhandled error', err);
  return c.json(makeErrorBody('internal', 'Something went wrong on our side'), 500);
}
