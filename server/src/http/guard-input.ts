import type { MiddlewareHandler } from 'hono';
import { ValidationError } from '../domain/errors.js';

/** Nesting deeper than any payload of the API needs (a survey with translations is about 6). */
export const MAX_JSON_DEPTH = 20;

const NUL_IN_URL = /%00/;

/**
 * What is wrong with a body, scanned once as text: a NUL (raw, or `\u0000` in a JSON string), or
 * JSON nested deeper than MAX_JSON_DEPTH. Brackets inside strings do not count.
 */
export function findBodyProblem(text: string, json: boolean): string | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0) return 'the body contains a NUL character';
    if (!json) continue;
    if (inString) {
      if (ch === 0x5c /* \ */) {
        if (text.startsWith('u0000', i + 1)) return 'the body contains a NUL character';
        i++;
      } else if (ch === 0x22 /* " */) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x7b || ch === 0x5b /* { [ */) {
      if (++depth > MAX_JSON_DEPTH) return `the JSON is nested deeper than ${MAX_JSON_DEPTH} levels`;
    } else if (ch === 0x7d || ch === 0x5d) depth--;
  }
  return undefined;
}

/**
 * Refuses, before any route runs, input no route should see: a NUL in the path, query or body
 * (PostgreSQL cannot store it in text, so it would surface as a 500) and over-deep JSON (a
 * recursion bomb for any walker of the parsed value).
 */
export function guardInput(): MiddlewareHandler {
  return async function guardInputHandler(c, next) {
    const url = c.req.url;
    const rest = url.slice(url.indexOf('/', url.indexOf('//') + 2));
    if (NUL_IN_URL.test(rest) || rest.includes('\0'))
      throw new ValidationError([{ path: '(url)', message: 'the path or query contains a NUL character' }]);
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.req.raw.body) {
      const type = c.req.header('content-type') ?? '';
      const problem = findBodyProblem(await c.req.text(), !/csv/i.test(type));
      if (problem) throw new ValidationError([{ path: '(body)', message: problem }]);
    }
    await next();
  };
}
