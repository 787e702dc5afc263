import { AGENT, type Customer, esc, type Fixture, fixture, SUPPORT_EMAIL } from './shell.js';

/**
 * Intercom Inbox. Evidence is thin (see extension/src/sites/intercom.ts): public extensions hook
 * `[data-conversation-id]`, `[data-intercom-target="conversation-card-header"]` and
 * `[data-inbox-conversation-header-title]`; none reads the details sidebar, so this fixture draws
 * it as the product shows it: an attribute list of labels and values ("Email", "Owner"), beside
 * the conversation. The conversation quotes the support address and the customer's email in
 * text; the previous conversation's sidebar stays mounted, hidden; the sidebar paints late.
 */
const SCRIPT = `
setTimeout(function () {
  var side = document.getElementById('details-' + DATA.id);
  side.innerHTML = '<h3>User data</h3><div class="attribute-list">' +
    '<div class="attribute"><span class="attribute-label">Name</span><span class="attribute-value"></span></div>' +
    '<div class="attribute"><span class="attribute-label">Email</span><span class="attribute-value"></span></div>' +
    '<div class="attribute"><span class="attribute-label">Owner</span><span class="attribute-value"></span></div></div>';
  var v = side.querySelectorAll('.attribute-value');
  v[0].textContent = DATA.name; v[1].textContent = DATA.email; v[2].textContent = DATA.agent;
}, PAINT_MS);
`;

export function intercomConversation(c: Customer, previous: Customer, id = 77): Fixture {
  return fixture({
    title: 'Inbox | Intercom',
    path: `/a/inbox/abc123/inbox/conversation/${id}`,
    body: `<nav aria-label="Main"><button type="button" class="host-button" aria-label="Teammate profile" aria-haspopup="true">${esc(AGENT.name)}</button><span hidden>${esc(AGENT.email)}</span></nav>
    <div class="inbox">
      <div data-conversation-id="${id}">
        <div data-intercom-target="conversation-card-header"><span data-inbox-conversation-header-title><span>${esc(c.name)}</span></span></div>
        <div class="conversation-part">Hi, my parcel is late. Reply to ${esc(c.email)} please.</div>
        <div class="conversation-part">${esc(AGENT.name)}: Sorry! Write to ${esc(SUPPORT_EMAIL)} any time.</div>
      </div>
      <aside id="details-${id - 1}" style="display:none"><h3>User data</h3><div class="attribute"><span class="attribute-label">Email</span><span class="attribute-value">${esc(previous.email)}</span></div></aside>
      <aside id="details-${id}"><div class="skeleton" aria-busy="true"></div></aside>
    </div>`,
    script: SCRIPT,
    data: { id, name: c.name, email: c.email, agent: AGENT.name },
  });
}
