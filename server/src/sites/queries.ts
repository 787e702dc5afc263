import {
  DEFAULT_MIN_SAMPLE,
  DEFAULT_VALUE_SETTINGS,
  type Site,
  type SiteCreate,
  type SitePatch,
} from '@moments/shared';
import type { Db } from '../db/index.js';

export interface SiteRecord extends Site {
  secret: string;
  /** The secret before the last rotation, while its grace period lasts. */
  previousSecret?: string;
}

type SiteRow = {
  id: string;
  name: string;
  public_key: string;
  secret: string;
  allowed_origins: string;
  require_signed_identity: number;
  contact_policy: string;
  follow_up_rule: string;
  theme: string;
  value_settings: string | null;
  min_sample: number | null;
  created_at: number;
  previous_secret: string | null;
  previous_secret_until: number | null;
  previous_public_key_until: number | null;
};

function toSite(r: SiteRow): SiteRecord {
  return {
    id: r.id,
    name: r.name,
    publicKey: r.public_key,
    secret: r.secret,
    allowedOrigins: JSON.parse(r.allowed_origins),
    requireSignedIdentity: r.require_signed_identity === 1,
    contactPolicy: JSON.parse(r.contact_policy),
    followUpRule: JSON.parse(r.follow_up_rule),
    minSample: r.min_sample ?? DEFAULT_MIN_SAMPLE,
    theme: JSON.parse(r.theme),
    valueSettings: r.value_settings ? JSON.parse(r.value_settings) : DEFAULT_VALUE_SETTINGS,
    createdAt: new Date(r.created_at).toISOString(),
    ...(r.previous_secret && (r.previous_secret_until ?? 0) > Date.now()
      ? { previousSecret: r.previous_secret }
      : {}),
  };
}

/** The site without its secret, as the API shows it. */
export function toPublicSite({ secret: _secret, previousSecret: _previous, ...site }: SiteRecord): Site {
  return site;
}

export async function insertSite(
  db: Db,
  s: SiteCreate & { id: string; publicKey: string; secret: string },
): Promise<SiteRecord> {
  const now = Date.now();
  await db.run(
    `INSERT INTO sites (id, name, public_key, secret, allowed_origins, require_signed_identity, contact_policy,
       follow_up_rule, theme, value_settings, min_sample, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      s.id,
      s.name,
      s.publicKey,
      s.secret,
      JSON.stringify(s.allowedOrigins),
      s.requireSignedIdentity ? 1 : 0,
      JSON.stringify(s.contactPolicy),
      JSON.stringify(s.followUpRule),
      JSON.stringify(s.theme),
      JSON.stringify(s.valueSettings),
      s.minSample,
      now,
    ],
  );
  forgetSites(db);
  return (await findSiteById(db, s.id))!;
}

export async function findSiteById(db: Db, id: string): Promise<SiteRecord | undefined> {
  const r = await db.get<SiteRow>('SELECT * FROM sites WHERE id = ?', [id]);
  return r && toSite(r);
}

/** How long a site read by its public key is kept at most (its own writes drop it at once). */
const KEEP_SITE_MS = 5000;
/** Most public keys kept (unknown ones included); past it the whole map starts again. */
const MAX_KEPT_KEYS = 10_000;

type KeptSites = { generation: number; byKey: Map<string, { site: SiteRecord | undefined; until: number }> };
/**
 * Sites read by public key, kept per database where no other process writes it (`Db.soleWriter`):
 * every public request names one, and on SQLite reading it cost more than the rest of a small
 * ingest. A site write (below) drops them all; a read that began before a write is not kept.
 */
const keptSites = new WeakMap<Db, KeptSites>();

function keptFor(db: Db): KeptSites | undefined {
  if (!db.soleWriter) return undefined;
  const kept = keptSites.get(db) ?? { generation: 0, byKey: new Map() };
  keptSites.set(db, kept);
  return kept;
}

/** Drops the kept sites of this database: called by every write to `sites`. */
function forgetSites(db: Db) {
  const kept = keptSites.get(db);
  if (!kept) return;
  kept.generation++;
  kept.byKey.clear();
}

async function readSiteByPublicKey(db: Db, key: string, now: number) {
  return (
    (await db.get<SiteRow>('SELECT * FROM sites WHERE public_key = ?', [key])) ??
    (await db.get<SiteRow>(
      'SELECT * FROM sites WHERE previous_public_key = ? AND previous_public_key_until > ?',
      [key, now],
    ))
  );
}

/**
 * The site of a public key: the current one, or the one before the last rotation during its grace
 * period. Kept a few seconds where the database allows (`keptFor`), never past the end of a grace
 * period the row names, so an old key or secret stops working exactly when it should.
 */
export async function findSiteByPublicKey(db: Db, key: string): Promise<SiteRecord | undefined> {
  const now = Date.now();
  const kept = keptFor(db);
  const hit = kept?.byKey.get(key);
  if (hit && hit.until > now) return hit.site;
  const generation = kept?.generation;
  const r = await readSiteByPublicKey(db, key, now);
  if (kept && kept.generation === generation) {
    const ends = [r?.previous_secret_until, r?.previous_public_key_until].filter(
      (t): t is number => typeof t === 'number' && t > now,
    );
    if (kept.byKey.size >= MAX_KEPT_KEYS) kept.byKey.clear();
    kept.byKey.set(key, { site: r && toSite(r), until: Math.min(now + KEEP_SITE_MS, ...ends) });
  }
  return r && toSite(r);
}

/** A new secret; the old one still verifies signatures for `graceMs`. Undefined for an unknown site. */
export async function rotateSiteSecret(db: Db, id: string, secret: string, graceMs: number) {
  const until = Date.now() + graceMs;
  const r = await db.run(
    'UPDATE sites SET previous_secret = secret, previous_secret_until = ?, secret = ? WHERE id = ?',
    [until, secret, id],
  );
  forgetSites(db);
  return r.changes ? { id, secret, previousSecretValidUntil: new Date(until).toISOString() } : undefined;
}

/** A new public key; the old one still serves the public endpoints for `graceMs`. */
export async function rotateSitePublicKey(db: Db, id: string, publicKey: string, graceMs: number) {
  const until = Date.now() + graceMs;
  const r = await db.run(
    'UPDATE sites SET previous_public_key = public_key, previous_public_key_until = ?, public_key = ? WHERE id = ?',
    [until, publicKey, id],
  );
  forgetSites(db);
  return r.changes
    ? { id, publicKey, previousPublicKeyValidUntil: new Date(until).toISOString() }
    : undefined;
}

export async function listSites(db: Db, ids?: string[]): Promise<SiteRecord[]> {
  const rows = await db.all<SiteRow>('SELECT * FROM sites ORDER BY created_at, id');
  return rows.map(toSite).filter((s) => !ids || ids.includes(s.id));
}

/** Ids from the list that name no site. */
export async function findMissingSiteIds(db: Db, ids: string[]): Promise<string[]> {
  const found = await Promise.all(ids.map((id) => db.get('SELECT 1 AS x FROM sites WHERE id = ?', [id])));
  return ids.filter((_, i) => !found[i]);
}

export async function updateSite(db: Db, id: string, patch: SitePatch): Promise<SiteRecord | undefined> {
  const columns: [string, string | number][] = [];
  if (patch.name !== undefined) columns.push(['name', patch.name]);
  if (patch.allowedOrigins) columns.push(['allowed_origins', JSON.stringify(patch.allowedOrigins)]);
  if (patch.requireSignedIdentity !== undefined) {
    columns.push(['require_signed_identity', patch.requireSignedIdentity ? 1 : 0]);
  }
  if (patch.contactPolicy) columns.push(['contact_policy', JSON.stringify(patch.contactPolicy)]);
  if (patch.followUpRule) columns.push(['follow_up_rule', JSON.stringify(patch.followUpRule)]);
  if (patch.theme) columns.push(['theme', JSON.stringify(patch.theme)]);
  if (patch.valueSettings) columns.push(['value_settings', JSON.stringify(patch.valueSettings)]);
  if (patch.minSample !== undefined) columns.push(['min_sample', patch.minSample]);
  await db.run(`UPDATE sites SET ${columns.map(([c]) => `${c} = ?`).join(', ')} WHERE id = ?`, [
    ...columns.map(([, v]) => v),
    id,
  ]);
  forgetSites(db);
  return findSiteById(db, id);
}
