import { deepQueryAll, isShown } from './deep-dom.js';
import { firstAllowed } from './exclusions.js';
import { findBySelectors } from './find-emails.js';
import { findLabelledEmails } from './labelled.js';
import type { SiteAdapter } from './types.js';

/**
 * Intercom Inbox (`app.intercom.com/a/inbox/…`). Evidence is thin: public extensions hook the
 * conversation (`[data-conversation-id]`, `[data-intercom-target="conversation-card-header"]` in
 * toggl/track-extension src/content/intercom.js; `[data-intercom-target="conversation-toolbar"]`
 * and `[data-inbox-conversation-header-title]` in clockify/browser-extension
 * src/integrations/intercom.js), and none reads the details sidebar. So we read the sidebar as
 * an agent does: the attribute labelled "Email", beside the open conversation, never the
 * conversation's own text (where the support team's address is quoted).
 */
export const INTERCOM = {
  conversation: '[data-conversation-id]',
  /** Where the details sidebar may be marked; the labelled "Email" attribute is read inside it, else anywhere outside the conversation. */
  sidebar: ['[data-intercom-target="conversation-details"]', '[data-intercom-target*="details" i]', 'aside'],
};

export const intercom: SiteAdapter = {
  id: 'intercom',
  name: 'Intercom',
  matches: ['https://app.intercom.com/*'],
  vendorDomains: ['intercom.io', 'intercom-mail.com', 'intercom.com'],
  handles: (url) => url.pathname.startsWith('/a/'),
  find: async (ctx) => {
    // The URL moves to the next conversation a moment before the page does: while the shown
    // conversation is another one, its sidebar names someone else.
    const id = ctx.url.pathname.match(/\/conversations?\/(\d+)/)?.[1];
    const shown = deepQueryAll(ctx.doc, INTERCOM.conversation).filter(isShown);
    if (id && shown.length && !shown.some((c) => c.getAttribute('data-conversation-id') === id)) return [];
    for (const sel of INTERCOM.sidebar) {
      for (const side of deepQueryAll(ctx.doc, sel).filter(isShown)) {
        const found = firstAllowed(findLabelledEmails(side), ctx);
        if (found.length) return found;
        // A sidebar that links the address without a label.
        const linked = firstAllowed(findBySelectors(side, ['a[href^="mailto:"]']), ctx);
        if (linked.length) return linked;
      }
    }
    return firstAllowed(
      findLabelledEmails(ctx.doc).filter((f) => !f.anchor.closest(INTERCOM.conversation)),
      ctx,
    );
  },
};
