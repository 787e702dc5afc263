import { Hono } from 'hono';

/** Moments' icon: a white "M" on the brand colour, small enough to send with every page. */
export const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#4f46e5"/><path d="M8 23V9l8 9 8-9v14" fill="none" stroke="#fff" stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round"/></svg>';

/** The `<link>` a page of this server puts in its head (the demo pages; the dashboard names the same file). */
export const FAVICON_LINK = '<link rel="icon" href="/favicon.svg" type="image/svg+xml">';

/**
 * The icon at /favicon.svg, and at /favicon.ico for a browser (or a page) that asks there without
 * a link: an answer, never a 404 in the console. Browsers read the SVG by its content type.
 */
export function createFaviconRoutes() {
  const app = new Hono();
  const icon = () =>
    new Response(FAVICON_SVG, {
      headers: {
        'Content-Type': 'image/svg+xml',
        'Cache-Control': 'public, max-age=86400',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  app.get('/favicon.svg', icon);
  app.get('/favicon.ico', icon);
  return app;
}
