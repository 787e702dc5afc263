import type { ErrorBody } from '@moments/shared';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  type Issue,
  NotFoundError,
  UnauthorizedError,
  ValidationError,
} from '../domain/errors.js';

/** A transport error with its HTTP status and headers (413, 415, 429, 503): raised by middleware only. */
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

/** The one place a domain error becomes an HTTP status. */
const STATUS_OF_DOMAIN_ERROR: [new (...a: never[]) => DomainError, ContentfulStatusCode][] = [
  [ValidationError, 400],
  [UnauthorizedError, 401],
  [ForbiddenError, 403],
  [NotFoundError, 404],
  [ConflictError, 409],
];

/** The database cannot be reached now: 503 with Retry-After, never a 500 (driver errors are mapped in handleError). */
export class DatabaseUnavailableError extends ApiError {
  constructor(retryAfterSeconds = 5) {
    super(503, 'unavailable', 'The database is unavailable; try again shortly', undefined, {
      'Retry-After': String(retryAfterSeconds),
    });
  }
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
  if (err instanceof DomainError) {
    const status = STATUS_OF_DOMAIN_ERROR.find(([type]) => err instanceof type)?.[1] ?? 400;
    return c.json(makeErrorBody(err.code, err.message, err.issues), status);
  }
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
