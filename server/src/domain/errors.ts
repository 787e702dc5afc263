// Named domain errors: what went wrong, in words. They know no transport; the HTTP edge
// (`http/errors.ts`) gives each its status, in one place.
import type { z } from 'zod';

export type Issue = { path: string; message: string };

/** A domain error: a stable `code` for clients, a message for people, and the failing fields. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly issues?: Issue[],
  ) {
    super(message);
  }
}

/** The input breaks a rule: each failing field with its reason. */
export class ValidationError extends DomainError {
  constructor(issues: Issue[], message = 'The request is not valid') {
    super('invalid_request', message, issues);
  }
}
/** No credential, a wrong one, or a customer identity whose signature does not hold. */
export class UnauthorizedError extends DomainError {
  constructor(message = 'Missing or wrong credential') {
    super('unauthorized', message);
  }
}
/** A right credential asking for what it may not do (another site, a foreign origin). */
export class ForbiddenError extends DomainError {
  constructor(message = 'This credential may not do that') {
    super('forbidden', message);
  }
}
export class NotFoundError extends DomainError {
  constructor(what: string) {
    super('not_found', `${what} not found`);
  }
}
/** A write that conflicts with what is stored (an id taken, an email two customers hold). */
export class ConflictError extends DomainError {
  constructor(message: string) {
    super('conflict', message);
  }
}

/**
 * zod issues as `{path, message}`, the path dotted (`responses.3.answers.0.value`); one about the
 * whole input (a rule across fields) names it: `(body)`, or `(query)` for a query string.
 */
export function toIssues(
  error: z.ZodError,
  prefix: (string | number)[] = [],
  whole: '(body)' | '(query)' = '(body)',
): Issue[] {
  return error.issues.map((i) => ({
    path: [...prefix, ...i.path].map(String).join('.') || whole,
    message: i.message,
  }));
}
