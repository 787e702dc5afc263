/** A route as Hono lists it in `app.routes` (middleware is listed with method `ALL`). */
type Route = { method: string; path: string };

/** A Hono path (`/v1/sites/:id`, `/w/:file{[a-z.]+}`, `/app/*`) as a regular expression. */
function toRegExp(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) => {
      if (segment === '*') return '.*';
      const param = segment.match(/^:\w+(?:\{(.+)\})?$/);
      if (param) return param[1] ? `(?:${param[1]})` : '[^/]+';
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${source}$`);
}

/**
 * The methods a path is answered to, from the app's routes (read on first use, once all are
 * registered): a request with another method gets 405 and `Allow`, not 404 as if nothing were there.
 */
export function createAllowedMethods(routes: () => Route[]) {
  let table: [RegExp, string][] | undefined;
  return (path: string): string[] => {
    table ??= routes()
      .filter((r) => r.method !== 'ALL')
      .map((r) => [toRegExp(r.path), r.method]);
    const methods = new Set(table.filter(([re]) => re.test(path)).map(([, method]) => method));
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods];
  };
}
