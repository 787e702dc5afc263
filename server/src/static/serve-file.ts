import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { NotFoundError } from '../domain/errors.js';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

/** A file under `dir` (never outside it), or 404. */
export async function serveFile(
  dir: string | undefined,
  rel: string,
  headers: Record<string, string>,
): Promise<Response> {
  if (!dir) throw new NotFoundError('Build');
  const file = normalize(join(dir, rel));
  if (!file.startsWith(normalize(dir))) throw new NotFoundError('File');
  const body = await readFile(file).catch(() => undefined);
  if (!body) throw new NotFoundError('File');
  const ext = rel.slice(rel.lastIndexOf('.'));
  return new Response(body, {
    headers: { 'Content-Type': TYPES[ext] ?? 'application/octet-stream', ...headers },
  });
}
