import type { StreamSummaryEvent } from '@moments/shared';
import { getCustomerLookup } from '../customers/lookup.js';
import type { Db } from '../db/index.js';

/** How long a computed summary is shared with streams still reading up to its event. */
const SHARE_MS = 10_000;

/**
 * A customer's summary after a live event, looked up once per event for every stream of this
 * instance that shows it (ten agents watching one customer cost one lookup, not ten). With
 * `isolatedRequests` (Workers, where a stream may not wait on another request's I/O) each stream
 * looks up its own.
 */
export function createSummaryLookup(db: Db, opts: { isolatedRequests?: boolean } = {}) {
  const shared = new Map<number, Promise<StreamSummaryEvent | undefined>>();
  const lookUp = (siteId: string, customerId: string) =>
    getCustomerLookup(db, [siteId], { id: customerId }).then((lookup) =>
      lookup ? { customerId, siteId, latest: lookup.latest, risk: lookup.risk } : undefined,
    );
  return function lookUpSummary(seq: number, siteId: string, customerId: string) {
    if (opts.isolatedRequests) return lookUp(siteId, customerId);
    let summary = shared.get(seq);
    if (!summary) {
      summary = lookUp(siteId, customerId);
      shared.set(seq, summary);
      const forget = () => setTimeout(() => shared.delete(seq), SHARE_MS).unref?.();
      summary.then(forget, () => shared.delete(seq));
    }
    return summary;
  };
}
