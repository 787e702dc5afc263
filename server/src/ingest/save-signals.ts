import type { Display, IngestResult, TrackedEvent } from '@moments/shared';
import type { Db, Queryable } from '../db/index.js';
import { bumpDisplayDaily, toDay } from '../rollups/daily.js';
import type { SiteRecord } from '../sites/queries.js';
import { touchCustomers } from './save-customers.js';
import { splitBatchDuplicates, toIngestResult } from './save-responses.js';

async function saveIdempotent<T extends { id: string; customer?: Display['customer'] }>(
  db: Db,
  site: SiteRecord,
  items: T[],
  table: string,
  columns: string[],
  toRow: (item: T) => (string | number | null)[],
  afterInsert?: (q: Queryable, inserted: T[]) => Promise<void>,
): Promise<IngestResult> {
  const { unique, repeated } = splitBatchDuplicates(items);
  const sorted = [...unique].sort((a, b) => (a.id < b.id ? -1 : 1));
  const inserted = await db.tx(async (q) => {
    const ids = await q.insertRows(table, columns, sorted.map(toRow), {
      onConflict: 'ON CONFLICT (site_id, id) DO NOTHING',
      returning: 'id',
    });
    const fresh = new Set(ids);
    await afterInsert?.(
      q,
      sorted.filter((i) => fresh.has(i.id)),
    );
    await touchCustomers(
      q,
      site.id,
      sorted.filter((i) => fresh.has(i.id)).map((i) => i.customer),
      Date.now(),
    );
    return fresh;
  });
  return toIngestResult(unique, repeated, inserted);
}

/** Stores survey displays (shown, dismissed, opted out), idempotent on the client id. */
export function saveDisplays(db: Db, site: SiteRecord, displays: Display[]) {
  return saveIdempotent(
    db,
    site,
    displays,
    'displays',
    ['site_id', 'id', 'survey_id', 'customer_id', 'anonymous_id', 'kind', 'created_at'],
    (d) => [
      site.id,
      d.id,
      d.surveyId,
      d.customer?.id ?? null,
      d.anonymousId,
      d.kind,
      Date.parse(d.createdAt),
    ],
    (q, inserted) =>
      bumpDisplayDaily(
        q,
        site.id,
        inserted
          .filter((d) => d.kind === 'shown')
          .map((d) => ({ day: toDay(Date.parse(d.createdAt)), surveyId: d.surveyId })),
      ),
  );
}

/** Stores tracked funnel moments, idempotent on the client id. */
export function saveEvents(db: Db, site: SiteRecord, events: TrackedEvent[]) {
  return saveIdempotent(
    db,
    site,
    events,
    'events',
    ['site_id', 'id', 'name', 'customer_id', 'anonymous_id', 'props', 'created_at'],
    (e) => [
      site.id,
      e.id,
      e.name,
      e.customer?.id ?? null,
      e.anonymousId,
      e.props ? JSON.stringify(e.props) : null,
      Date.parse(e.createdAt),
    ],
  );
}
