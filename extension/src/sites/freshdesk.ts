import { getFirstJson, obj, str } from './api-cache.js';
import { composedClosest, deepQueryAll, isShown } from './deep-dom.js';
import { firstAllowed } from './exclusions.js';
import { findBySelectors } from './find-emails.js';
import { findByText, findInPersonContainers, findLabelledEmails } from './labelled.js';
import type { Found, SiteAdapter } from './types.js';

/**
 * Freshdesk (`{sub}.freshdesk.com/a/tickets/{id}`, `/a/contacts/{id}`). Evidence:
 * - The agent UI reads tickets from its own same-origin JSON API, `/api/_/tickets/{id}`, with the
 *   session (public userscripts and tools found by code search call it with `credentials:
 *   'same-origin'`; a fixture of it carries `requester_name`). `include=requester` is the
 *   documented way of the public v2 API to embed the requester (email, name).
 * - Ticket pages: `.ticket-subject-heading`, `.breadcrumb__item.active` (toggl/track-extension
 *   src/content/freshdesk.js), `#ticket-details` (clockify/browser-extension src/integrations/freshdesk.js).
 *   No public code reads the requester's widget: we put the badge on the requester's name, found
 *   by the name the API gave, else read a labelled "Email" or a mailto in the contact panel (thin).
 */
export const FRESHDESK = {
  ticketDetails: '#ticket-details',
  contactEmail: [
    // The contact widget's email (bubbleupdotnet/freshdesk add_info_links.user.js reads it so).
    '[data-test-id="requester-info-contact-email"] .info-details-content',
    '[data-test-id="requester-info"] a[href^="mailto:"]',
    '[data-test-id="contact-email"]',
  ],
  /**
   * Where other people's emails show: the CC line (`.emails-info .display_emails`) and the
   * original request (`#ticket_original_request`) read by a public Freshdesk content script found
   * by code search; quoted replies; a conversation block (not a class that may wrap the page).
   */
  notRequester: '#ticket_original_request,.emails-info,blockquote,.conversation',
  /** The open ticket's number, "#42" (toggl/track-extension src/content/freshdesk.js reads it). */
  breadcrumb: '.breadcrumb__item.active',
};

function shownEmails(doc: Document): Found[] {
  const hooked = findBySelectors(doc, FRESHDESK.contactEmail);
  if (hooked.length) return hooked;
  const notOthers = (found: Found[]) =>
    found.filter((f) => !composedClosest(f.anchor, FRESHDESK.notRequester));
  const labelled = notOthers(findLabelledEmails(doc));
  return labelled.length ? labelled : notOthers(findInPersonContainers(doc));
}

/** Whether the page still shows another ticket than the URL names (the URL moves first). */
function showsAnotherTicket(doc: Document, ticketId: string): boolean {
  const numbers = deepQueryAll(doc, FRESHDESK.breadcrumb)
    .filter(isShown)
    .map((el) => el.textContent?.match(/#\s*(\d+)/)?.[1])
    .filter(Boolean);
  return numbers.length > 0 && !numbers.includes(ticketId);
}

export const freshdesk: SiteAdapter = {
  id: 'freshdesk',
  name: 'Freshdesk',
  matches: ['https://*.freshdesk.com/*'],
  vendorDomains: ['freshdesk.com', 'freshworks.com', 'freshservice.com'],
  handles: (url) => url.pathname.startsWith('/a/'),
  find: async (ctx) => {
    const ticket = ctx.url.pathname.match(/^\/a\/tickets\/(\d+)/)?.[1];
    if (ticket && showsAnotherTicket(ctx.doc, ticket)) return [];
    if (ticket) {
      // The agent UI's own API first; the public v2 API (also allowed with a session) next.
      const body = obj(
        await getFirstJson(ctx, [
          `/api/_/tickets/${ticket}?include=requester`,
          `/api/_/tickets/${ticket}`,
          `/api/v2/tickets/${ticket}?include=requester`,
          `/api/v2/tickets/${ticket}`,
        ]),
      );
      // The agent UI's API wraps the ticket (`{ticket: …}`); the public v2 API does not.
      const t = obj(body?.ticket) ?? body;
      let requester = obj(t?.requester);
      if (!str(requester?.email) && typeof t?.requester_id === 'number') {
        const c = obj(
          await getFirstJson(ctx, [
            `/api/_/contacts/${t.requester_id}`,
            `/api/v2/contacts/${t.requester_id}`,
          ]),
        );
        requester = obj(c?.contact) ?? c;
      }
      const email = str(requester?.email);
      const name = str(requester?.name) ?? str(t?.requester_name);
      if (email) {
        const anchor =
          (name ? findByText(ctx.doc, name) : undefined) ??
          shownEmails(ctx.doc).find(
            (f) => 'email' in f.key && f.key.email.toLowerCase() === email.toLowerCase(),
          )?.anchor;
        return anchor ? [{ key: { email }, anchor } satisfies Found] : [];
      }
    }
    return firstAllowed(shownEmails(ctx.doc), ctx);
  },
};
