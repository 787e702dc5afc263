import { readConfig } from './config.js';
import { startServer } from './server.js';

const config = readConfig();
const running = await startServer(config, {
  onAdminToken: (token) => {
    console.log(
      `\nAdmin token (shown once, stored hashed; set MOMENTS_ADMIN_TOKEN to choose your own):\n  ${token}\n`,
    );
  },
});
console.log(
  `Moments listening on http://localhost:${running.port} (${config.databaseUrl ? 'PostgreSQL' : `SQLite in ${config.dataDir}`})`,
);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await running.stop();
    process.exit(0);
  });
}
