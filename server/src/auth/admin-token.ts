import type { Db } from '../db/index.js';
import { makeToken, sha256Hex } from '../domain/crypto.js';

const KEY = 'admin_token_hash';

/**
 * The admin token's hash: from MOMENTS_ADMIN_TOKEN when set; else the stored one; else a new token,
 * stored hashed and returned once in `created` so the caller can print it.
 */
export async function ensureAdminToken(
  db: Db,
  fromEnv?: string,
): Promise<{ hash: string; created?: string }> {
  if (fromEnv) return { hash: await sha256Hex(fromEnv) };
  const stored = await db.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [KEY]);
  if (stored) return { hash: stored.value };
  const token = makeToken('madm_');
  const hash = await sha256Hex(token);
  await db.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING', [KEY, hash]);
  // Another instance may have won the race; its token is the one that counts.
  const winner = await db.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [KEY]);
  return winner?.value === hash ? { hash, created: token } : { hash: winner!.value };
}
