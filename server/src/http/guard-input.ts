import { decodeCsv } from '@moments/shared';
import type { HonoRequest, MiddlewareHandler } from 'hono';
import { ValidationError } from '../domain/errors.js';
import { ApiError } from './errors.js';

/** Nesting deeper than any payload of the API needs (a survey with translations is about 6). */
export const MAX_JSON_DEPTH = 20;

const NUL_IN_URL = /%00/;

// `\u0000` in a JSON string: a backslash-u-0000 not itself escaped (an even run of backslashes before it).
const ESCAPED_NUL = /(?<!\\)(?:\\\\)*\\u0000/;
// A JSON string (skipped whole, unrolled so long strings do not backtrack) or a bracket.
const STRING_OR_BRACKET = /"[^"\\]*(?:\\.[^"\\]*)*"|[[\]{}]/g;
const NUL_MESSAGE = 'the body contains a NUL character';
// A `\uD800`–`\uDFFF` escape (not itself escaped): a high one with its low one after it, else alone.
const SURROGATE_ESCAPE = /(?<!\\)(?:\\\\)*\\u[dD][89a-fA-F]/;
const SURROGATE_ESCAPES =
  /(?<!\\)(?:\\\\)*\\u[dD][89abAB][0-9a-fA-F]{2}(\\u[dD][c-fC-F][0-9a-fA-F]{2})?|(?<!\\)(?:\\\\)*\\u[dD][c-fC-F][0-9a-fA-F]{2}/g;
const SURROGATE_MESSAGE =
  'the body contains a lone UTF-16 surrogate (a \\uD800-\\uDFFF escape not in a pair)';

/** Whether JSON text escapes half of a surrogate pair: not Unicode text (PostgreSQL's JSON refuses it). */
function hasLoneSurrogateEscape(text: string): boolean {
  if (!SURROGATE_ESCAPE.test(text)) return false;
  for (const [, low] of text.matchAll(SURROGATE_ESCAPES)) if (!low) return true;
  return false;
}

/**
 * What is wrong with a body: a NUL (raw, or `\u0000` in a JSON string), half a surrogate pair
 * escaped in JSON (`\uD800` alone: no character; PostgreSQL refuses it in JSON), or JSON nested deeper
 * than MAX_JSON_DEPTH (brackets inside strings do not count). The regular expressions do the
 * scanning natively: a 1 MiB body is checked in a few milliseconds.
 */
export function findBodyProblem(text: string, json: boolean): string | undefined {
  if (text.includes('\0')) return NUL_MESSAGE;
  if (!json) return undefined;
  if (text.includes('\\u0000') && ESCAPED_NUL.test(text)) return NUL_MESSAGE;
  if (hasLoneSurrogateEscape(text)) return SURROGATE_MESSAGE;
  let depth = 0;
  for (const [token] of text.matchAll(STRING_OR_BRACKET)) {
    if (token === '{' || token === '[') {
      if (++depth > MAX_JSON_DEPTH) return `the JSON is nested deeper than ${MAX_JSON_DEPTH} levels`;
    } else if (token === '}' || token === ']') depth--;
  }
  return undefined;
}

/**
 * Whether a request carries a body, from its headers where they tell: touching `raw.body` turns
 * a Node request into a web stream (the Node adapter reads the body directly otherwise, which is
 * several times cheaper per request).
 */
function hasBody(req: HonoRequest): boolean {
  const declared = req.header('content-length');
  if (declared !== undefined) return declared !== '0';
  return req.header('transfer-encoding') !== undefined || req.raw.body !== null;
}

/**
 * Refuses, before any route runs, input no route should see: a NUL in the path, query or body
 * (PostgreSQL cannot store it in text, so it would surface as a 500), a lone surrogate in JSON
 * (not text: stored as U+FFFD, or refused by PostgreSQL's JSON) and over-deep JSON (a
 * recursion bomb for any walker of the parsed value).
 */
export function guardInput(): MiddlewareHandler {
  return async function guardInputHandler(c, next) {
    const url = c.req.url;
    const rest = url.slice(url.indexOf('/', url.indexOf('//') + 2));
    if (NUL_IN_URL.test(rest) || rest.includes('\0'))
      throw new ValidationError([{ path: '(url)', message: 'the path or query contains a NUL character' }]);
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && hasBody(c.req)) {
      // Never inflated (a 50 KB gzip is 50 MB of JSON): said plainly, not read as bytes with NULs.
      const encoding = c.req.header('content-encoding')?.trim().toLowerCase();
      if (encoding && encoding !== 'identity')
        throw new ApiError(
          415,
          'unsupported_media_type',
          `Content-Encoding ${encoding} is not accepted: send the body uncompressed`,
        );
      const csv = /csv/i.test(c.req.header('content-type') ?? '');
      // A CSV is read from its bytes: UTF-16 or Windows-1252 would be garbled (or NULs) as UTF-8 text.
      const text = csv ? decodeCsv(new Uint8Array(await c.req.arrayBuffer())) : await c.req.text();
      const problem = findBodyProblem(text, !csv);
      if (problem) throw new ValidationError([{ path: '(body)', message: problem }]);
    }
    await next();
  };
}
