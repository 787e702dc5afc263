import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { Hono } from 'hono';
import type { Deps } from '../env.js';
import { NotFoundError } from '../http/errors.js';

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.map': 'application/json' };

/** Serves the built widget: /w.js briefly cached (it names the chunks), hashed chunks cached for a year. */
export function createWidgetRoutes(deps: Deps) {
  const app = new Hono();
  app.get('/w.js', (c) => serve(c.req.path.slice(1), 'public, max-age=300'));
  app.get('/w/:file{[A-Za-z0-9._-]+}', (c) =>
    serve(`w/${c.req.param('file')}`, 'public, max-age=31536000, immutable'),
  );

  async function serve(rel: string, cacheControl: string) {
    if (!deps.widgetDir) throw new NotFoundError('Widget build');
    const file = normalize(join(deps.widgetDir, rel));
    if (!file.startsWith(normalize(deps.widgetDir))) throw new NotFoundError('File');
    const body = await readFile(file).catch(() => undefined);
    if (!body) throw new NotFoundError('File');
    const ext = rel.slice(rel.lastIndexOf('.'));
    return new Response(body, {
      headers: {
        'Content-Type': TYPES[ext] ?? 'application/octet-stream',
        'Cache-Control': cacheControl,
        'Access-Control-Allow-Origin': '*',
      },
    });
  }
  return app;
}
