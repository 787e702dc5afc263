// The one test command: lint, types, build, every vitest suite (server on SQLite and, when
// DATABASE_URL is set, PostgreSQL) and the browser suites; ends with "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = mkdtempSync(join(tmpdir(), 'moments-results-'));
let passed = 0;
let failed = 0;
const failures = [];

function run(title, cmd, args, cwd = root) {
  console.log(`\n=== ${title}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit', env: process.env });
  return r.status === 0;
}

function step(title, cmd, args, cwd) {
  if (!run(title, cmd, args, cwd)) {
    console.error(`\n${title} failed`);
    console.log(`\n0 passed, 1 failed`);
    process.exit(1);
  }
}

function vitest(title, cwd, name) {
  const file = join(out, `${name}.json`);
  const ok = run(
    title,
    'pnpm',
    ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${file}`],
    cwd,
  );
  if (!existsSync(file)) {
    failed++;
    failures.push(`${title}: no results`);
    return;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests + (ok || r.numFailedTests ? 0 : 1);
  if (!ok) failures.push(title);
  if (r.numPendingTests || r.numTodoTests) {
    failed += r.numPendingTests + r.numTodoTests;
    failures.push(`${title}: ${r.numPendingTests + r.numTodoTests} skipped tests (none may be skipped)`);
  }
}

step('lint and format', 'pnpm', ['exec', 'biome', 'check', '.']);
step('types', 'pnpm', ['-r', '--if-present', 'run', 'typecheck']);
step('build', 'pnpm', ['run', 'build']);
if (!process.env.DATABASE_URL) {
  console.warn(
    '\n!!! DATABASE_URL is not set: the server suite runs on SQLite only. CI sets it, so CI runs PostgreSQL too.',
  );
}
vitest('shared', join(root, 'shared'), 'shared');
vitest('server', join(root, 'server'), 'server');
if (existsSync(join(root, 'widget/vitest.config.ts'))) vitest('widget', join(root, 'widget'), 'widget');
vitest('dashboard', join(root, 'dashboard'), 'dashboard');
vitest('extension', join(root, 'extension'), 'extension');
if (existsSync(join(root, 'test/vitest.config.ts'))) vitest('browser (e2e)', join(root, 'test'), 'e2e');

if (existsSync(join(root, 'test/artifacts')))
  console.log(`\nScreenshots for a person to look at: ${join(root, 'test/artifacts')}`);
console.log(`\nFailed: ${failures.join('; ') || 'none'}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
