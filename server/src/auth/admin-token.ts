import type { Db } from '../db/index.js';
import { makeToken, sha256Hex, timingSafeEqual } from '../domain/crypto.js';
import { AUTH_CHANNEL } from '../tokens/queries.js';

const KEY = 'admin_token_hash';

/**
 * The admin token's hash: from MOMENTS_ADMIN_TOKEN when set; else the stored one; else a new token,
 * stored hashed and returned once in `created` so the caller can print it. The hash in force is
 * always the stored one (every instance reads it), so a token set anew in the environment replaces
 * it, and ends the sessions signed in with the old one.
 */
export async function ensureAdminToken(
  db: Db,
  fromEnv?: string,
): Promise<{ hash: string; created?: string }> {
  const stored = await readStoredAdminTokenHash(db);
  if (fromEnv) {
    const hash = await sha256Hex(fromEnv);
    // First start with it: record it. A different one than before: the old sessions end.
    if (!stored)
      await db.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING', [KEY, hash]);
    else if (stored.value !== hash) await replaceAdminTokenHash(db, hash);
    return { hash };
  }
  if (stored) return { hash: stored.value };
  const token = makeToken('madm_');
  const hash = await sha256Hex(token);
  await db.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING', [KEY, hash]);
  // Another instance may have won the race; its token is the one that counts.
  const winner = await db.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [KEY]);
  return winner?.value === hash ? { hash, created: token } : { hash: winner!.value };
}

/** The admin token's hash in force, once one is stored. */
export async function readStoredAdminTokenHash(db: Db): Promise<{ value: string } | undefined> {
  return db.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [KEY]);
}

/** Puts a new admin token hash in force and ends every dashboard session, in one transaction. */
async function replaceAdminTokenHash(db: Db, hash: string): Promise<void> {
  await db.tx(async (q) => {
    await q.run(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      [KEY, hash],
    );
    await q.run('DELETE FROM sessions');
    await q.notify(AUTH_CHANNEL);
  });
}

/** A new admin token, in force at once on every instance; the old one and its sessions stop working. */
export async function rotateAdminToken(db: Db): Promise<string> {
  const token = makeToken('madm_');
  await replaceAdminTokenHash(db, await sha256Hex(token));
  return token;
}

/**
 * Whether the hash is the admin token's. The stored hash is read each time (a primary-key lookup),
 * so a rotation on any instance counts at once; `fallback` serves apps built without one stored.
 */
export async function isAdminTokenHash(db: Db, hash: string, fallback: string): Promise<boolean> {
  const stored = await db.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [KEY]);
  return timingSafeEqual(hash, stored?.value ?? fallback);
}
