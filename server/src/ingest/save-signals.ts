import type { Display, TrackedEvent } from '@moments/shared';
import type { Db } from '../db/index.js';
import { foldDisplayWrite } from '../rollups/fold-write.js';
import type { SiteRecord } from '../sites/queries.js';
import { writeBatch } from './write-batch.js';

/** Stores survey displays (shown, dismissed, opted out), idempotent on the client id. */
export function saveDisplays(db: Db, site: SiteRecord, displays: Display[]) {
  return writeBatch(
    db,
    {
      siteId: site.id,
      table: 'displays',
      columns: ['site_id', 'id', 'survey_id', 'customer_id', 'anonymous_id', 'kind', 'created_at'],
      toRow: (d) => [
        site.id,
        d.id,
        d.surveyId,
        d.customer?.id ?? null,
        d.anonymousId,
        d.kind,
        Date.parse(d.createdAt),
      ],
      afterWrite: (q, w) => foldDisplayWrite(q, db.dialect, w),
    },
    displays,
  );
}

/** Stores tracked funnel moments, idempotent on the client id. */
export function saveEvents(db: Db, site: SiteRecord, events: TrackedEvent[]) {
  return writeBatch(
    db,
    {
      siteId: site.id,
      table: 'events',
      columns: ['site_id', 'id', 'name', 'customer_id', 'anonymous_id', 'props', 'created_at'],
      toRow: (e) => [
        site.id,
        e.id,
        e.name,
        e.customer?.id ?? null,
        e.anonymousId,
        e.props ? JSON.stringify(e.props) : null,
        Date.parse(e.createdAt),
      ],
    },
    events,
  );
}
