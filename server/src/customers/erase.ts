import type { Db } from '../db/index.js';
import { subtractCustomerFromDaily } from '../rollups/daily.js';
import { lockCustomerToErase } from './customer-locks.js';

// Queued and logged webhook payloads carry the customer's answers and ids: they go too.
const TABLES = [
  'answers',
  'responses',
  'displays',
  'events',
  'live_events',
  'followups',
  'customer_scores',
  'webhook_deliveries',
];

/**
 * Erases everything held on a customer; false when nothing was known of them. Batch-shaped (every
 * read before the first write), so it commits as one D1 batch too.
 */
export async function eraseCustomer(db: Db, siteId: string, customerId: string): Promise<boolean> {
  return db.tx(async (q) => {
    // Ingest of this customer in flight commits first, and what arrives later waits for the erasure
    // (customer-locks.ts). Two erasures of one customer (a double click, a retry) must not both
    // subtract their answers from the rollups: the second waits for the first, then finds nothing (404).
    await lockCustomerToErase(q, db.dialect, siteId, customerId);
    // One SELECT of EXISTS terms (D1 allows few terms in a compound SELECT).
    const known = await q.get<{ known: number }>(
      `SELECT CASE WHEN ${[
        'EXISTS (SELECT 1 FROM customers WHERE site_id = ? AND id = ?)',
        ...TABLES.map((t) => `EXISTS (SELECT 1 FROM ${t} WHERE site_id = ? AND customer_id = ?)`),
      ].join(' OR ')} THEN 1 ELSE 0 END AS known`,
      Array.from({ length: TABLES.length + 1 }, () => [siteId, customerId]).flat(),
    );
    if (!Number(known?.known)) return false;
    await subtractCustomerFromDaily(q, siteId, customerId);
    // Phrases read from their comments are theirs too.
    await q.run(
      'DELETE FROM text_readings WHERE site_id = ? AND response_id IN (SELECT id FROM responses WHERE site_id = ? AND customer_id = ?)',
      [siteId, siteId, customerId],
    );
    await q.run(
      'DELETE FROM followup_changes WHERE followup_id IN (SELECT id FROM followups WHERE site_id = ? AND customer_id = ?)',
      [siteId, customerId],
    );
    for (const table of TABLES)
      await q.run(`DELETE FROM ${table} WHERE site_id = ? AND customer_id = ?`, [siteId, customerId]);
    await q.run('DELETE FROM customers WHERE site_id = ? AND id = ?', [siteId, customerId]);
    return true;
  });
}
