import { findBySelectors } from './find-emails.js';
import type { Found, SiteAdapter } from './types.js';

/** Field labels that hold the business's own customer id on a Lightning record. */
const ID_LABELS = ['Customer ID', 'External ID', 'Moments ID'];

/**
 * Salesforce Lightning (`{org}.lightning.force.com/lightning/r|o/…`): a Contact, Lead or Case
 * record's Email field (`lightning-formatted-email`), an external customer id field, and every
 * email cell of a list view.
 */
export const salesforce: SiteAdapter = {
  id: 'salesforce',
  name: 'Salesforce Lightning',
  matches: ['*://*.lightning.force.com/*'],
  handles: (url) => url.pathname.startsWith('/lightning/'),
  find: (doc) => {
    const ids: Found[] = [];
    for (const label of ID_LABELS) {
      for (const item of doc.querySelectorAll(`records-record-layout-item[field-label="${label}"]`)) {
        const value = item.querySelector('lightning-formatted-text')?.textContent?.trim();
        if (value) ids.push({ key: { id: value }, anchor: item.querySelector('lightning-formatted-text')! });
      }
    }
    // A record with an external id is looked up by it; its email field would only repeat the badge.
    if (ids.length) return ids;
    return findBySelectors(doc, ['lightning-formatted-email']);
  },
};
