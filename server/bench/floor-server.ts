// The floor: what any ingest must do at least, on a bare Hono app on the same Node adapter. It
// reads the JSON body, checks it with the shared schema and inserts each response as one raw row
// (its JSON) into a SQLite table with only a row id, in WAL mode with the server's durability
// (synchronous = NORMAL); requests that arrive in one turn of the event loop share one commit and
// are answered after it, as the server's own writes are. No site, origin, rate limit or identity check,
// no answers, rollups or follow-ups: nothing the product can do without.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { ResponseBatchSchema } from '@moments/shared';
import Database from 'better-sqlite3';
import { Hono } from 'hono';

const dir = mkdtempSync(join(tmpdir(), 'moments-floor-'));
const db = new Database(join(dir, 'floor.sqlite'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec('CREATE TABLE raw (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, body TEXT NOT NULL)');
const insert = db.prepare('INSERT INTO raw (id, body) VALUES (?, ?)');
let waiting: { rows: { id: string }[]; done: () => void }[] = [];
const commit = db.transaction((group: typeof waiting) => {
  for (const { rows } of group) for (const r of rows) insert.run(r.id, JSON.stringify(r));
});
/** Resolves once the rows are committed with the others of this turn. */
const insertAll = (rows: { id: string }[]) =>
  new Promise<void>((done) => {
    waiting.push({ rows, done });
    if (waiting.length > 1) return;
    setImmediate(() => {
      const group = waiting;
      waiting = [];
      commit(group);
      for (const w of group) w.done();
    });
  });

const app = new Hono();
app.post('/floor', async (c) => {
  const parsed = ResponseBatchSchema.safeParse(await c.req.json());
  if (!parsed.success) return c.json({ error: 'invalid' }, 400);
  await insertAll(parsed.data.responses);
  return c.json({ accepted: parsed.data.responses.map((r) => r.id), duplicates: [] }, 202);
});
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  console.log(`listening on http://127.0.0.1:${info.port}`);
});
process.on('SIGTERM', () =>
  server.close(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  }),
);
