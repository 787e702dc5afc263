import { AGENT, type Customer, esc, type Fixture, fixture, SUPPORT_EMAIL } from './shell.js';

/**
 * Freshdesk ticket page. Evidence (see extension/src/sites/freshdesk.ts): the agent UI reads the
 * ticket from its same-origin `/api/_/tickets/{id}` (served here, with `include=requester`);
 * the page shows `#ticket-details`, `.ticket-subject-heading`, `.breadcrumb__item.active`. The
 * requester's widget is thin in the evidence: drawn with the requester's name only. The
 * conversation quotes the helpdesk's support address; the header names the agent.
 */
export function freshdeskTicket(c: Customer, id = 42): Fixture {
  return fixture({
    title: `#${id} Refund request : Freshdesk`,
    path: `/a/tickets/${id}`,
    body: `<header role="banner"><span class="logo_text">Acme Support</span>
      <button type="button" class="host-button" aria-label="Profile" aria-haspopup="true">${esc(AGENT.name)}</button><span hidden>${esc(AGENT.email)}</span></header>
    <div class="app-main-wrapper"><div id="ticket-details">
      <ol class="breadcrumb"><li class="breadcrumb__item">Tickets</li><li class="breadcrumb__item active">#${id}</li></ol>
      <h2 class="ticket-subject-heading">Refund request</h2>
      <div class="conversation"><p>${esc(c.name)} reported via email</p><p>From: Acme Support &lt;${esc(SUPPORT_EMAIL)}&gt;, to acme-corp.freshdesk.com</p></div>
      <div class="requester-widget"><h4>Contact details</h4><a class="requester-name" href="/a/contacts/5001">${esc(c.name)}</a></div>
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
