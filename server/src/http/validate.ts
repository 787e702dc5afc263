import { MAX_BATCH } from '@moments/shared';
import type { Context } from 'hono';
import { validator } from 'hono/validator';
import type { z } from 'zod';
import { toIssues, ValidationError } from '../domain/errors.js';
import { markRequestPart } from '../openapi/describe-route.js';
import { assertBatchSize } from './body-limit.js';

function check<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const r = schema.safeParse(value);
  if (!r.success) throw new ValidationError(toIssues(r.error));
  return r.data;
}

async function readJsonOfAnyType(c: Context): Promise<unknown> {
  // The widget posts JSON as text/plain so the browser sends no CORS preflight.
  const text = await c.req.text();
  if (!text.trim()) throw new ValidationError([{ path: '(body)', message: 'a JSON body is required' }]);
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError([{ path: '(body)', message: 'the body is not valid JSON' }], 'Malformed JSON');
  }
}

/**
 * Validates the JSON body (sent as application/json or text/plain) against a shared schema.
 * `batch` names the array of an ingest body: over MAX_BATCH items is a 413, as API.md lists it
 * beside the byte limit, not the 400 the schema's own maximum would give.
 */
export const validateJson = <T extends z.ZodType>(schema: T, opts: { batch?: string } = {}) =>
  markRequestPart(
    validator('json', async (value, c) => {
      const type = c.req.header('content-type') ?? '';
      const input = /json/i.test(type) ? value : await readJsonOfAnyType(c);
      if (opts.batch) assertBatchSize(input, opts.batch, MAX_BATCH);
      return check(schema, input) as z.output<T>;
    }),
    { in: 'body', schema },
  );

/** Validates the query string against a shared schema. */
export const validateQuery = <T extends z.ZodType>(schema: T) =>
  markRequestPart(
    validator('query', (value) => check(schema, value) as z.output<T>),
    { in: 'query', schema },
  );
