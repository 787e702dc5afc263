import { deepQueryAll, isShown } from './deep-dom.js';
import { firstAllowed } from './exclusions.js';
import { findBySelectors, readEmail } from './find-emails.js';
import { findColumnCells, findLabelledEmails } from './labelled.js';
import type { Found, SiteAdapter } from './types.js';

/**
 * HubSpot CRM (`app.hubspot.com/contacts/{portal}/record/0-1/{id}`, the contacts index). Evidence:
 * - The record's left sidebar is `[data-scroll-trackable-container="left-sidebar"]` with
 *   `[data-test-id="record-highlight-main-content"]` and `[data-selenium-test="highlightTitle"]`
 *   (clockify/browser-extension src/integrations/hubspot.js; toggl/track-extension src/content/hubspot.js).
 * - A property shows as `[data-selenium-test="property-input-{name}"]`: `property-input-company`
 *   and `property-input-name` in clockify's hubspot.js; `property-input-email` as a `div` whose
 *   text sits in `span.private-truncated-string__inner > span` (and an `input` while edited) in
 *   public Selenium page objects of HubSpot found by code search.
 * - A preview panel (`[data-selenium-test="sidebar-preview-panel"]`, clockify) can show a second record.
 * - Index tables: name cells are `td[data-table-external-id*="name-"]` (toggl); an email column is
 *   read by its header, "Email" (thin evidence: no public code reads it).
 */
export const HUBSPOT = {
  record: [
    '[data-scroll-trackable-container="left-sidebar"]',
    '[data-selenium-test="sidebar-preview-panel"]',
    '[data-test-id="IndexPageInlineSidebar"]',
  ],
  email: '[data-selenium-test="property-input-email"]',
  emailColumn: ['email', 'email address'],
  /** A record page (`/contacts/{portal}/record/{objectTypeId}/{id}`): its tables are association cards. */
  recordPath: /^\/contacts\/\d+\/record\//,
};

export const hubspot: SiteAdapter = {
  id: 'hubspot',
  name: 'HubSpot',
  matches: ['https://app.hubspot.com/*', 'https://app-eu1.hubspot.com/*'],
  vendorDomains: ['hubspot.com', 'hubspotemail.net', 'hs-inbox.com'],
  handles: (url) => url.pathname.startsWith('/contacts/'),
  find: async (ctx) => {
    const { doc } = ctx;
    const out: Found[] = [];
    for (const panel of HUBSPOT.record.flatMap((s) => deepQueryAll(doc, s)).filter(isShown)) {
      const byHook = findBySelectors(panel, [HUBSPOT.email]);
      const byHookAllowed = firstAllowed(byHook, ctx);
      out.push(...(byHookAllowed.length ? byHookAllowed : firstAllowed(findLabelledEmails(panel), ctx)));
    }
    // A record page's tables list its associations (other contacts), not the record: an index only.
    if (HUBSPOT.recordPath.test(ctx.url.pathname)) return out;
    for (const { cell } of findColumnCells(doc, HUBSPOT.emailColumn)) {
      const email = readEmail(cell);
      if (email) out.push({ key: { email }, anchor: cell });
    }
    return out;
  },
};
