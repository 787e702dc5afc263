/**
 * One GET per path per page: a help desk's API is rate limited (Zendesk: 700 a minute for the whole
 * account on Enterprise, per bryanvillarin/zendesk-requester-email-replacer README) and the page
 * is scanned on every burst of DOM changes.
 */
const cache = new Map<string, Promise<unknown>>();
const FAILURE_TTL_MS = 5000;

/** The first of these paths the API answers (the same resource with and without a sideload). */
export async function getFirstJson(ctx: { getJson: (p: string) => Promise<unknown> }, paths: string[]) {
  for (const path of paths) {
    const v = await getJsonOnce(ctx, path);
    if (v !== undefined) return v;
  }
  return undefined;
}

export function getJsonOnce(ctx: { getJson: (p: string) => Promise<unknown> }, path: string) {
  let hit = cache.get(path);
  if (!hit) {
    hit = ctx.getJson(path);
    cache.set(path, hit);
    // A failure is remembered briefly: the scans of one burst do not hammer the API, and a later
    // one (a late login, a flaky network) may try again.
    void hit.then((v) => {
      if (v === undefined) setTimeout(() => cache.get(path) === hit && cache.delete(path), FAILURE_TTL_MS);
    });
  }
  return hit;
}

/** Forgets every answer (tests; a page that signed a different agent in). */
export function clearJsonCache() {
  cache.clear();
}

/** A record-like value, read safely from untyped JSON. */
export const obj = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
