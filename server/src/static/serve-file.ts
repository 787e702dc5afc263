import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import type { StaticFiles } from './files.js';

/** The files under `dir` (never outside it), read from disk. */
export function dirFiles(dir: string): StaticFiles {
  return async (rel) => {
    const file = normalize(join(dir, rel));
    if (!file.startsWith(normalize(dir))) return undefined;
    return readFile(file).catch(() => undefined);
  };
}
