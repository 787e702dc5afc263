// The ceiling: a bare Hono app on the same Node adapter, answering a POST without doing anything.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.post('/noop', (c) => c.json({ accepted: [], duplicates: [] }, 202));
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  console.log(`listening on http://127.0.0.1:${info.port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
