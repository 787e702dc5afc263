import { findBySelectors } from './find-emails.js';
import type { SiteAdapter } from './types.js';

/** Intercom inbox (`app.intercom.com/a/inbox/…`): the user's email in the conversation's details sidebar. */
export const intercom: SiteAdapter = {
  id: 'intercom',
  name: 'Intercom',
  matches: ['*://app.intercom.com/*'],
  handles: (url) => url.pathname.startsWith('/a/'),
  find: (doc) =>
    findBySelectors(doc, [
      '[data-test-conversation-details] [data-test-attribute="email"] [data-test-attribute-value]',
      '[data-test-user-email]',
    ]),
};
