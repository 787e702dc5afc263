// What the benchmark scripts share: a server process started on a port of its own, and a fresh
// PostgreSQL database beside the one DATABASE_URL names.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';

/** Starts `node --import tsx <args>` in server/ and resolves with the URL it prints once it listens. */
export async function startProcess(
  args: string[],
  env: Record<string, string>,
): Promise<{ url: string; proc: ChildProcess }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: join(import.meta.dirname, '..'),
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) resolve(m[1]!.replace('localhost', '127.0.0.1'));
    });
    proc.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  return { url, proc };
}

/** Drops and creates the database `name` on DATABASE_URL's server; answers its URL. */
export async function freshDatabase(databaseUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** One autocannon run, as a promise. */
export function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => autocannon(opts, (err, res) => (err ? reject(err) : resolve(res))));
}

/** An NPS response to the test survey, as JSON text: anonymous, or naming a customer. */
export const response = (id: string, customer?: string) =>
  `{"id":"${id}","surveyId":"checkout-nps","answers":[{"questionId":"nps","value":${id.length % 11}}],"anonymousId":"a-${id}",${customer ? `"customer":{"id":"${customer}"},` : ''}"moment":"checkout_completed","createdAt":"2026-11-01T10:00:00Z"}`;

let counter = 0;
/** A new response id with a prefix (ordered, so a batch's rows land together). */
export const nextId = (prefix: string) => `${prefix}-${(++counter).toString(36).padStart(8, '0')}`;
