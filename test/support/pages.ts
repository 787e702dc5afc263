import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';

export type Page = { html: string; headers?: Record<string, string> };

/**
 * Fixture pages on their own origin (another port), as a customer's site would be: every path
 * is answered by `render(path)`, so SPA routes all get the same document.
 */
export async function servePages(
  render: (path: string, url: URL) => Page | undefined,
  tls?: { key: string; cert: string },
): Promise<{ url: string; close: () => Promise<void> }> {
  const handler = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const page = render(url.pathname, url);
    if (!page) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...page.headers }).end(page.html);
  };
  const server: Server = tls ? createHttpsServer(tls, handler) : createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A page with the widget's snippet: the stub queue and the async script tag. */
export function shopPage(o: {
  server: string;
  siteKey: string;
  body?: string;
  head?: string;
  lang?: string;
  dir?: string;
  nonce?: string;
}) {
  const nonce = o.nonce ? ` nonce="${o.nonce}"` : '';
  return `<!doctype html>
<html lang="${o.lang ?? 'en'}"${o.dir ? ` dir="${o.dir}"` : ''}>
<head><meta charset="utf-8"><title>Fixture shop</title>${o.head ?? ''}
<script${nonce}>window.moments = window.moments || function () { (moments.q = moments.q || []).push(arguments); };</script>
<script${nonce} async src="${o.server}/w.js" data-site="${o.siteKey}"></script>
</head>
<body>
<h1>Fixture shop</h1>
<p id="content">Some page content a customer is reading.</p>
${o.body ?? ''}
</body>
</html>`;
}
