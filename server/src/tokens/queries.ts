import type { Db } from '../db/index.js';

/** Notified when a credential stops working (admin token rotated, agent token revoked): open streams re-check theirs. */
export const AUTH_CHANNEL = 'moments_auth';

/** The agent token with this hash, unless revoked. */
export async function findActiveTokenByHash(db: Db, hash: string) {
  const row = await db.get<{ id: string; site_ids: string }>(
    'SELECT id, site_ids FROM tokens WHERE token_hash = ? AND revoked_at IS NULL',
    [hash],
  );
  return row ? { id: row.id, siteIds: JSON.parse(row.site_ids) as string[] } : undefined;
}

/** Whether a token with this hash was ever issued (revoked or not): a revoked token retried is no guess. */
export async function isIssuedTokenHash(db: Db, hash: string): Promise<boolean> {
  return !!(await db.get('SELECT 1 AS x FROM tokens WHERE token_hash = ?', [hash]));
}

export async function insertToken(
  db: Db,
  t: { id: string; name: string; role: string; hash: string; siteIds: string[] },
): Promise<void> {
  await db.run(
    'INSERT INTO tokens (id, name, role, token_hash, site_ids, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    [t.id, t.name, t.role, t.hash, JSON.stringify(t.siteIds), Date.now()],
  );
}

/** Marks a token revoked; false when there is no such live token. */
export async function revokeToken(db: Db, id: string): Promise<boolean> {
  // Read, then write (batch-shaped: one D1 batch too); the row is held until commit on PostgreSQL.
  return db.tx(async (q) => {
    const live = await q.get(
      `SELECT id FROM tokens WHERE id = ? AND revoked_at IS NULL${db.dialect.lockRows}`,
      [id],
    );
    if (!live) return false;
    await q.run('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [Date.now(), id]);
    // Its open streams, on any instance, hear of it and end.
    await q.notify(AUTH_CHANNEL);
    return true;
  });
}

export async function listTokens(db: Db) {
  const rows = await db.all<{ id: string; name: string; role: string; site_ids: string; created_at: number }>(
    'SELECT id, name, role, site_ids, created_at FROM tokens WHERE revoked_at IS NULL ORDER BY created_at',
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    role: r.role,
    siteIds: JSON.parse(r.site_ids) as string[],
    createdAt: new Date(r.created_at).toISOString(),
  }));
}
