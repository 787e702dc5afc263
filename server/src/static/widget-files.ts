import { Hono } from 'hono';
import type { Deps } from '../env.js';
import { serveFile } from './files.js';

/** Serves the built widget: /w.js briefly cached (it names the chunks), hashed chunks cached for a year. */
export function createWidgetRoutes(deps: Deps) {
  const app = new Hono();
  const serve = (rel: string, cacheControl: string) =>
    serveFile(deps.widgetFiles, rel, { 'Cache-Control': cacheControl, 'Access-Control-Allow-Origin': '*' });
  app.get('/w.js', (c) => serve(c.req.path.slice(1), 'public, max-age=300'));
  app.get('/w/:file{[A-Za-z0-9._-]+}', (c) =>
    serve(`w/${c.req.param('file')}`, 'public, max-age=31536000, immutable'),
  );
  return app;
}
