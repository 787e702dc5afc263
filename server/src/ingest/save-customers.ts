import type { CustomerRef } from '@moments/shared';
import type { Queryable } from '../db/index.js';

/**
 * Makes each named customer known (id, traits, and an email where the identity rules allow);
 * business data is left as it is, and an unsigned identity changes nothing already stored. Refs have passed assertIdentities, so an `emailSignature` here
 * is a valid one: that email is the site's word and is stored. Any other email is a visitor's
 * claim: it fills an empty email only, and only when no other customer of the site holds it, so
 * a visitor can neither take over another customer's email nor change a stored one.
 */
export async function touchCustomers(
  q: Queryable,
  siteId: string,
  refs: (CustomerRef | undefined)[],
  at: number,
) {
  const byId = new Map<string, CustomerRef>();
  for (const ref of refs) if (ref) byId.set(ref.id, { ...byId.get(ref.id), ...ref });
  // Sorted so concurrent batches lock rows in the same order (no deadlock on PostgreSQL).
  const customers = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const toRow = (c: CustomerRef) => [siteId, c.id, c.traits ? JSON.stringify(c.traits) : null, at, at];
  // A signed identity may update the traits it sends; an unsigned one only fills them when none are stored.
  const isSigned = (c: CustomerRef) => !!(c.signature || c.emailSignature);
  for (const [signed, traits] of [
    [true, 'COALESCE(excluded.traits, customers.traits)'],
    [false, 'COALESCE(customers.traits, excluded.traits)'],
  ] as const) {
    const rows = customers.filter((c) => isSigned(c) === signed).map(toRow);
    if (!rows.length) continue;
    await q.insertRows('customers', ['site_id', 'id', 'traits', 'first_seen_at', 'updated_at'], rows, {
      onConflict: `ON CONFLICT (site_id, id) DO UPDATE SET traits = ${traits},
        first_seen_at = COALESCE(customers.first_seen_at, excluded.first_seen_at)`,
    });
  }
  for (const c of customers) {
    if (!c.email) continue;
    if (c.emailSignature) {
      await q.run('UPDATE customers SET email = ? WHERE site_id = ? AND id = ?', [c.email, siteId, c.id]);
    } else {
      await q.run(
        `UPDATE customers SET email = ? WHERE site_id = ? AND id = ? AND email IS NULL
           AND NOT EXISTS (SELECT 1 FROM customers o WHERE o.site_id = ? AND lower(o.email) = lower(?) AND o.id <> ?)`,
        [c.email, siteId, c.id, siteId, c.email, c.id],
      );
    }
  }
}
