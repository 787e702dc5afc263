import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConfig } from '../config.js';
import { openDb } from '../db/index.js';
import { makeId, makeToken, sha256Hex } from '../domain/crypto.js';
import { startServer } from '../server.js';
import { insertToken } from '../tokens/queries.js';
import { seedDemo } from './seed.js';

// The demo always runs on its own fresh SQLite folder, whatever DATABASE_URL says.
const base = readConfig();
const config = { ...base, databaseUrl: undefined, dataDir: join(base.dataDir, 'demo') };
rmSync(config.dataDir, { recursive: true, force: true });

const started = Date.now();
const db = await openDb(config);
const { site, counts } = await seedDemo(db);
// A ready agent token: a support agent trying the extension should not have to call the API.
const agentToken = makeToken('mat_');
await insertToken(db, {
  id: makeId('tok_'),
  name: 'Demo agent',
  role: 'agent',
  hash: await sha256Hex(agentToken),
  siteIds: [site.id],
});
await db.close();
const extension = fileURLToPath(new URL('../../../extension/.output/', import.meta.url));
console.log(
  `Seeded ${counts.customers} customers, ${counts.responses} responses, ${counts.displays} displays and ${counts.events} events in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);

let adminToken = config.adminToken;
const running = await startServer(config, { demo: true, onAdminToken: (t) => (adminToken = t) });
const url = `http://localhost:${running.port}`;
console.log(`
Moments demo is running at ${url}

  Admin token:     ${adminToken}
  Site id:         ${site.id}   public key: ${site.publicKey}

  Try:
    curl -H "Authorization: Bearer ${adminToken}" "${url}/v1/sites/${site.id}/reports/summary"
    curl -H "Authorization: Bearer ${adminToken}" "${url}/v1/sites/${site.id}/reports/timeseries?metric=nps&interval=week"
    curl -H "Authorization: Bearer ${adminToken}" "${url}/v1/customers/lookup?email=customer1@example.com"
  Dashboard:       ${url}/app            (sign in with the admin token)
  Demo shop:       ${url}/demo/shop      (the widget at four funnel moments)
  Demo help desk:  ${url}/demo/crm       (customers' emails, for the browser extension)
  API document:    ${url}/v1/openapi.json
  Widget loader:   ${url}/w.js

  Browser extension for support agents (built in ${extension}):
    1. Load it. Chrome: chrome://extensions, Developer mode on, "Load unpacked", pick
       ${join(extension, 'chrome-mv3')}
       Firefox: about:debugging#/runtime/this-firefox, "Load Temporary Add-on", pick
       ${join(extension, 'firefox-mv3', 'manifest.json')}
    2. In its options page (it opens on install): Moments server ${url}
       Agent token ${agentToken}   then "Save and check".
    3. Under "Other pages" add ${url}, then open ${url}/demo/crm: a score beside each customer.
    Chrome and Firefox ask for permission twice: at step 2 to reach the Moments server, at step 3
    to read the help desk page. Allow both (a refusal leaves the badge off; save or add again).

Press Ctrl+C to stop.`);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, async () => {
    await running.stop();
    process.exit(0);
  });
}
