import {
  type CustomerRow,
  CustomerRowSchema,
  type CustomerUpsertResult,
  toPlainIssue,
} from '@moments/shared';
import { inList } from '../db/in-list.js';
import type { Db, SqlValue } from '../db/index.js';
import type { RawRow } from './parse-rows.js';

const CHUNK = 500;
const COLUMNS = [
  'site_id',
  'id',
  'email',
  'name',
  'account',
  'plan',
  'mrr',
  'currency',
  'acquired_at',
  'acquisition_cost',
  'cost_to_serve',
  'churned_at',
  'owner',
  'updated_at',
];
// A field left out of a row keeps its stored value.
const KEEP_UNLESS_GIVEN = COLUMNS.slice(2, -1)
  .map((c) => `${c} = COALESCE(excluded.${c}, customers.${c})`)
  .concat('updated_at = excluded.updated_at')
  .join(', ');

const toMs = (v?: string) => (v === undefined ? null : Date.parse(v));

function toRow(siteId: string, c: CustomerRow, now: number): SqlValue[] {
  return [
    siteId,
    c.id,
    c.email ?? null,
    c.name ?? null,
    c.account ?? null,
    c.plan ?? null,
    c.mrr ?? null,
    c.currency ?? null,
    toMs(c.acquiredAt),
    c.acquisitionCost ?? null,
    c.costToServe ?? null,
    toMs(c.churnedAt),
    c.owner ?? null,
    now,
  ];
}

/** Validates each row on its own, then upserts the good ones in one transaction; bad rows are reported. */
export async function upsertCustomers(db: Db, siteId: string, rows: RawRow[]): Promise<CustomerUpsertResult> {
  const errors: CustomerUpsertResult['errors'] = [];
  const good = new Map<string, CustomerRow>();
  for (const { row, data } of rows) {
    const r = CustomerRowSchema.safeParse(data);
    const id = typeof data.id === 'string' || typeof data.id === 'number' ? String(data.id) : undefined;
    if (!r.success) {
      const reason = r.error.issues.map((i) => toPlainIssue(i.path.join('.') || 'row', i.message)).join('; ');
      errors.push({ row, ...(id ? { id } : {}), reason });
    } else if (good.has(r.data.id)) {
      errors.push({ row, id: r.data.id, reason: 'id appears more than once in this upload' });
    } else {
      good.set(r.data.id, r.data);
    }
  }
  const customers = [...good.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const now = Date.now();
  // Batch-shaped (every read before the first write), so it commits as one D1 batch too.
  const inserted = await db.tx(async (q) => {
    // Two uploads to one site at once would both count a new customer as inserted.
    if (db.dialect.keyLock) await q.get(`SELECT ${db.dialect.keyLock} AS locked`, [`customers\n${siteId}`]);
    let fresh = 0;
    for (let i = 0; i < customers.length; i += CHUNK) {
      const chunk = customers.slice(i, i + CHUNK);
      const ids = inList(
        db.dialect,
        chunk.map((c) => c.id),
      );
      const existing = await q.get<{ n: number }>(
        `SELECT COUNT(*) AS n FROM customers WHERE site_id = ? AND id IN ${ids.sql}`,
        [siteId, ...ids.params],
      );
      fresh += chunk.length - Number(existing?.n ?? 0);
    }
    for (let i = 0; i < customers.length; i += CHUNK) {
      const chunk = customers.slice(i, i + CHUNK);
      await q.insertRows(
        'customers',
        COLUMNS,
        chunk.map((c) => toRow(siteId, c, now)),
        {
          onConflict: `ON CONFLICT (site_id, id) DO UPDATE SET ${KEEP_UNLESS_GIVEN}`,
        },
      );
    }
    return fresh;
  });
  return { inserted, updated: customers.length - inserted, rejected: errors.length, errors };
}
