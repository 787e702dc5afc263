import { NotFoundError } from '../domain/errors.js';

/**
 * Reads a built file by its path relative to a build folder (`w.js`, `assets/x.css`): the file's
 * bytes, or undefined when there is none. Node reads a folder (serve-file.ts); a Worker its static
 * assets (edge/assets.ts).
 */
export type StaticFiles = (rel: string) => Promise<BodyInit | undefined>;

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

/** A built file (never one outside its folder), or 404. */
export async function serveFile(
  files: StaticFiles | undefined,
  rel: string,
  headers: Record<string, string>,
): Promise<Response> {
  if (!files) throw new NotFoundError('Build');
  if (rel.split('/').some((part) => part === '..' || part === '.' || part === ''))
    throw new NotFoundError('File');
  const body = await files(rel);
  if (body === undefined) throw new NotFoundError('File');
  const ext = rel.slice(rel.lastIndexOf('.'));
  return new Response(body, {
    headers: { 'Content-Type': TYPES[ext] ?? 'application/octet-stream', ...headers },
  });
}
