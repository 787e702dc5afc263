import { findBySelectors } from './find-emails.js';
import type { SiteAdapter } from './types.js';

/**
 * HubSpot CRM (`app.hubspot.com/contacts/{portal}/record/0-1/{id}` and the contacts index): the
 * contact's email in the record's left sidebar, and the email column of the contacts table.
 */
export const hubspot: SiteAdapter = {
  id: 'hubspot',
  name: 'HubSpot',
  matches: ['*://app.hubspot.com/*', '*://app-eu1.hubspot.com/*'],
  handles: (url) => url.pathname.startsWith('/contacts/'),
  find: (doc) =>
    findBySelectors(doc, [
      '[data-test-id="left-sidebar"] [data-selenium-test="contact-email"]',
      '[data-test-id="left-sidebar"] a[href^="mailto:"]',
      'table [data-test-id="email-cell"]',
    ]),
};
