/** `pnpm --filter @moments/server build:edge`: the Worker bundle and its static assets, for `wrangler deploy` (wrangler.jsonc). */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { buildWorker, copyAssets } from './build.js';

const worker = await buildWorker(undefined, { minify: true });
const assets = copyAssets();
const code = readFileSync(worker);
console.log(
  `Worker: ${worker} (${(code.length / 1e6).toFixed(2)} MB, ${(gzipSync(code).length / 1e6).toFixed(2)} MB gzipped)\nAssets: ${assets}`,
);
