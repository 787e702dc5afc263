import type { Db } from '../db/index.js';
import { makeToken, sha256Hex } from '../domain/crypto.js';

/** How long a dashboard sign-in lasts. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
export const SESSION_COOKIE = 'moments_session';

/** Starts a session; returns the cookie value (only its hash is stored). */
export async function createSession(db: Db): Promise<string> {
  const token = makeToken('mses_');
  const now = Date.now();
  // Expired sessions are swept whenever a new one starts: sign-ins are rare, the table stays small.
  await db.run('DELETE FROM sessions WHERE expires_at <= ?', [now]);
  await db.run('INSERT INTO sessions (id_hash, created_at, expires_at) VALUES (?, ?, ?)', [
    await sha256Hex(token),
    now,
    now + SESSION_TTL_MS,
  ]);
  return token;
}

/** Whether the cookie value names a live session. */
export async function isLiveSession(db: Db, token: string): Promise<boolean> {
  const row = await db.get<{ id_hash: string }>(
    'SELECT id_hash FROM sessions WHERE id_hash = ? AND expires_at > ?',
    [await sha256Hex(token), Date.now()],
  );
  return !!row;
}

/** Ends a session (sign out). */
export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.run('DELETE FROM sessions WHERE id_hash = ?', [await sha256Hex(token)]);
}
