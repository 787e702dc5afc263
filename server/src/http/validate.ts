import { MAX_BATCH } from '@moments/shared';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { validator } from 'hono/validator';
import type { z } from 'zod';
import { toIssues, ValidationError } from '../domain/errors.js';
import { markRequestPart } from '../openapi/describe-route.js';
import { assertBatchSize } from './body-limit.js';

function check<T extends z.ZodType>(
  schema: T,
  value: unknown,
  whole: '(body)' | '(query)' = '(body)',
): z.output<T> {
  const r = schema.safeParse(value);
  if (!r.success) throw new ValidationError(toIssues(r.error, [], whole));
  return r.data;
}

const malformedJson = () =>
  new ValidationError([{ path: '(body)', message: 'the body is not valid JSON' }], 'Malformed JSON');

async function readJsonOfAnyType(c: Context): Promise<unknown> {
  // The widget posts JSON as text/plain so the browser sends no CORS preflight.
  const text = await c.req.text();
  if (!text.trim()) throw new ValidationError([{ path: '(body)', message: 'a JSON body is required' }]);
  try {
    return JSON.parse(text);
  } catch {
    throw malformedJson();
  }
}

/**
 * The media types Hono's validator parses as JSON itself (hono/validator/validator.ts); it hands
 * any other (text/plain, text/json) an empty object, so those bodies are read here.
 */
const PARSED_BY_HONO = /^application\/([\w.-]+\+)?json$/i;
const mediaTypeOf = (c: Context) => (c.req.header('content-type') ?? '').split(';')[0]!.trim();

/**
 * Validates the JSON body (sent as application/json, text/plain or any type) against a shared schema.
 * `batch` names the array of an ingest body: over MAX_BATCH items is a 413, as API.md lists it
 * beside the byte limit, not the 400 the schema's own maximum would give.
 */
export const validateJson = <T extends z.ZodType>(schema: T, opts: { batch?: string } = {}) => {
  const parse = validator('json', async (value, c) => {
    const input = PARSED_BY_HONO.test(mediaTypeOf(c)) ? value : await readJsonOfAnyType(c);
    if (opts.batch) assertBatchSize(input, opts.batch, MAX_BATCH);
    return check(schema, input) as z.output<T>;
  });
  // Hono refuses malformed application/json with a 400 of its own: the API's names the body in
  // `issues`, as for every other type. (A later handler's error never reaches here: each is
  // answered where it is thrown.)
  const parseJson: typeof parse = async (c, next) => {
    try {
      return await parse(c, next);
    } catch (err) {
      if (err instanceof HTTPException && err.status === 400) throw malformedJson();
      throw err;
    }
  };
  return markRequestPart(parseJson, { in: 'body', schema });
};

/** Validates the query string against a shared schema. */
export const validateQuery = <T extends z.ZodType>(schema: T) =>
  markRequestPart(
    validator('query', (value) => check(schema, value, '(query)') as z.output<T>),
    { in: 'query', schema },
  );
