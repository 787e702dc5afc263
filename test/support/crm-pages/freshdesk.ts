import { AGENT, type Customer, esc, type Fixture, fixture, SUPPORT_EMAIL } from './shell.js';

/**
 * Freshdesk ticket page. Evidence (see extension/src/sites/freshdesk.ts): the agent UI reads the
 * ticket from its same-origin `/api/_/tickets/{id}` (served here, with `include=requester`);
 * the page shows `#ticket-details`, `.ticket-subject-heading`, `.breadcrumb__item.active`. The
 * requester's widget is thin in the evidence: drawn with the requester's name only. The
 * conversation quotes the helpdesk's support address; the header names the agent.
 */
/**
 * Traps (`traps`): the requester's contact widget as public userscripts read it
 * (`[data-test-id="requester-info-contact-email"] .info-details-content`, bubbleupdotnet/freshdesk
 * add_info_links.user.js), with an icon, no "Email" label; the CC line (`.emails-info
 * .display_emails`) and the original request (`#ticket_original_request`) of a public Freshdesk
 * content script found by code search, the request naming a colleague and signed "Email: …".
 */
export const FD_TRAP_PEOPLE = {
  cc: { id: 'lee', name: 'Lee Lane', email: 'lee@acme.test' },
  colleague: { id: 'kim', name: 'Kim Colleague', email: 'kim@acme-store.example' },
  signed: { id: 'moe', name: 'Moe Moss', email: 'moe@acme.test' },
} satisfies Record<string, Customer>;

function trapMarkup(c: Customer) {
  const t = FD_TRAP_PEOPLE;
  return {
    conversation: `<div class="emails-info"><span>To: ${esc(SUPPORT_EMAIL)}</span> <span class="display_emails">Cc: ${esc(t.cc.email)}, ${esc(t.colleague.email)}</span></div>
      <div id="ticket_original_request"><p>Hi, my order is late. My partner ${esc(t.signed.name)} wrote too.</p><p>Regards,</p><div>Email:</div><div>${esc(t.signed.email)}</div></div>`,
    widget: `<div class="info-details-widget"><div data-test-id="requester-info-contact-email"><i class="icon-email" aria-hidden="true"></i><span class="info-details-content">${esc(c.email)}</span></div>
      <div class="contacts__view_more_info"><a data-test-id="view-more-info" href="/a/contacts/5001">View more info</a></div></div>`,
  };
}

export function freshdeskTicket(c: Customer, id = 42, o: { traps?: boolean } = {}): Fixture {
  const trap = o.traps ? trapMarkup(c) : { conversation: '', widget: '' };
  return fixture({
    title: `#${id} Refund request : Freshdesk`,
    path: `/a/tickets/${id}`,
    body: `<header role="banner"><span class="logo_text">Acme Support</span>
      <button type="button" class="host-button" aria-label="Profile" aria-haspopup="true">${esc(AGENT.name)}</button><span hidden>${esc(AGENT.email)}</span></header>
    <div class="app-main-wrapper"><div id="ticket-details">
      <ol class="breadcrumb"><li class="breadcrumb__item">Tickets</li><li class="breadcrumb__item active">#${id}</li></ol>
      <h2 class="ticket-subject-heading">Refund request</h2>
      <div class="conversation"><p>${esc(c.name)} reported via email</p><p>From: Acme Support &lt;${esc(SUPPORT_EMAIL)}&gt;, to acme-corp.freshdesk.com</p>${trap.conversation}</div>
      <div class="requester-widget"><h4>Contact details</h4><a class="requester-name" href="/a/contacts/5001">${esc(c.name)}</a>${trap.widget}</div>
    </div></div>`,
    api: {
      [`/api/_/tickets/${id}?include=requester`]: {
        ticket: {
          id,
          display_id: id,
          subject: 'Refund request',
          requester_id: 5001,
          requester_name: c.name,
          responder_name: AGENT.name,
          requester: { id: 5001, name: c.name, email: c.email },
        },
      },
    },
  });
}
