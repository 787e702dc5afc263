import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const serverRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');
const repoRoot = join(serverRoot, '..');

/** Where the Worker is built: the bundle (worker.js) and the static assets (assets/widget, assets/dashboard). */
export const EDGE_OUT = join(serverRoot, '.edge');
export const EDGE_WORKER = join(EDGE_OUT, 'worker.js');
export const EDGE_ASSETS = join(EDGE_OUT, 'assets');
/** The Workers compatibility settings, the same in wrangler.jsonc. */
export const COMPATIBILITY_DATE = '2025-09-01';
export const COMPATIBILITY_FLAGS = ['nodejs_compat'];

/**
 * Bundles src/edge/worker.ts into one ES module for workerd. Built for the browser platform with no
 * Node built-in allowed: an import of `node:*` (or of a package that needs one) fails the build, so
 * nothing Node-only reaches the Worker unnoticed.
 */
export async function buildWorker(outfile = EDGE_WORKER, opts: { minify?: boolean } = {}): Promise<string> {
  const result = await build({
    entryPoints: [join(serverRoot, 'src/edge/worker.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['workerd', 'worker', 'browser'],
    minify: opts.minify ?? false,
    sourcemap: false,
    logLevel: 'silent',
    metafile: true,
  });
  const nodeImports = Object.values(result.metafile.outputs).flatMap((o) =>
    o.imports.filter((i) => i.path.startsWith('node:') || i.external),
  );
  if (nodeImports.length)
    throw new Error(
      `The Worker must not import Node built-ins: ${nodeImports.map((i) => i.path).join(', ')}`,
    );
  return outfile;
}

/** Lays out the built widget and dashboard as the Worker's static assets (whichever are built). */
export function copyAssets(out = EDGE_ASSETS): string {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const [from, to] of [
    ['widget/dist', 'widget'],
    ['dashboard/dist', 'dashboard'],
  ] as const) {
    const src = join(repoRoot, from);
    if (existsSync(src)) cpSync(src, join(out, to), { recursive: true });
  }
  return out;
}
