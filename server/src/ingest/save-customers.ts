import type { CustomerRef } from '@moments/shared';
import type { Queryable } from '../db/index.js';

/** Makes each named customer known (id, email, traits); business data is left as it is. */
export async function touchCustomers(
  q: Queryable,
  siteId: string,
  refs: (CustomerRef | undefined)[],
  at: number,
) {
  const byId = new Map<string, CustomerRef>();
  for (const ref of refs) if (ref) byId.set(ref.id, { ...byId.get(ref.id), ...ref });
  // Sorted so concurrent batches lock rows in the same order (no deadlock on PostgreSQL).
  const rows = [...byId.values()]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((c) => [siteId, c.id, c.email ?? null, c.traits ? JSON.stringify(c.traits) : null, at, at]);
  await q.insertRows('customers', ['site_id', 'id', 'email', 'traits', 'first_seen_at', 'updated_at'], rows, {
    onConflict: `ON CONFLICT (site_id, id) DO UPDATE SET
      email = COALESCE(excluded.email, customers.email),
      traits = COALESCE(excluded.traits, customers.traits),
      first_seen_at = COALESCE(customers.first_seen_at, excluded.first_seen_at)`,
  });
}
