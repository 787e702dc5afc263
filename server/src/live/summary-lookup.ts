import type { StreamSummaryEvent } from '@moments/shared';
import { getCustomerLookup } from '../customers/lookup.js';
import type { Db } from '../db/index.js';

/** How long a computed summary is shared with streams still reading up to its event. */
const SHARE_MS = 10_000;

/**
 * A customer's summary after a live event, looked up once per event for every stream of this
 * instance that shows it (ten agents watching one customer cost one lookup, not ten).
 */
export function createSummaryLookup(db: Db) {
  const shared = new Map<number, Promise<StreamSummaryEvent | undefined>>();
  return function lookUpSummary(seq: number, siteId: string, customerId: string) {
    let summary = shared.get(seq);
    if (!summary) {
      summary = getCustomerLookup(db, [siteId], { id: customerId }).then((lookup) =>
        lookup ? { customerId, siteId, latest: lookup.latest, risk: lookup.risk } : undefined,
      );
      shared.set(seq, summary);
      const forget = () => setTimeout(() => shared.delete(seq), SHARE_MS).unref?.();
      summary.then(forget, () => shared.delete(seq));
    }
    return summary;
  };
}
