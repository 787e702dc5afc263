import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApiClient } from '@moments/shared';
import type { BrowserContext } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const ADMIN_TOKEN = 'e2e-admin-token';

/**
 * Signs a browser context in to the dashboard with the admin token, through the endpoint the
 * sign-in form uses; answers the HTTP status (200 when signed in).
 */
export async function signInAsAdmin(context: BrowserContext, url: string): Promise<number> {
  const res = await context.request.post(`${url}/app/session`, {
    data: { token: ADMIN_TOKEN },
    headers: { 'x-moments-csrf': '1', origin: url },
  });
  return res.status();
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/**
 * The real server (`server/src/main.ts`) in its own process, on a fixed port so it can be stopped
 * and started again on the same data (SQLite in a temp folder; never DATABASE_URL).
 */
export async function startMoments(opts: { port?: number; dataDir?: string; demo?: boolean } = {}) {
  const port = opts.port ?? (await freePort());
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'moments-e2e-'));
  const entry = opts.demo ? 'src/demo/main.ts' : 'src/main.ts';
  const proc: ChildProcess = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: join(root, 'server'),
    env: {
      ...process.env,
      DATABASE_URL: '',
      PORT: String(port),
      HOST: '127.0.0.1',
      MOMENTS_DATA: dataDir,
      MOMENTS_ADMIN_TOKEN: ADMIN_TOKEN,
      MOMENTS_RATE_LIMIT: '100000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const onData = (d: Buffer) => {
      output += d;
      if (/listening on|is running at/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.on('exit', (code) => reject(new Error(`server exited ${code}:\n${output}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => proc.on('exit', () => resolve()));
  return {
    url,
    port,
    dataDir,
    admin: createApiClient({ baseUrl: url, token: ADMIN_TOKEN }),
    output: () => output,
    stop: async () => {
      proc.kill('SIGTERM');
      // A server that does not drain in time is a failure to see, not a test to hang.
      const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
export type Moments = Awaited<ReturnType<typeof startMoments>>;
