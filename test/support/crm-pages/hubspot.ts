import { AGENT, type Customer, esc, type Fixture, fixture, SUPPORT_EMAIL } from './shell.js';

/**
 * HubSpot contact record and contacts index, from public evidence (see
 * extension/src/sites/hubspot.ts for the citations): the left sidebar
 * `[data-scroll-trackable-container="left-sidebar"]` with `record-highlight-main-content` and
 * `highlightTitle`; the email property as `div[data-selenium-test="property-input-email"]` with
 * its text in `span.private-truncated-string__inner > span`, painted after a skeleton. The middle
 * column's activity timeline quotes the support address and the agent; the account menu in the
 * navigation names the agent. An index table has an Email column.
 */
const NAV = `<nav role="navigation" id="navbar"><a href="/contacts/4455667">Contacts</a>
  <button type="button" class="host-button" data-test-id="account-menu" aria-label="Account menu" aria-haspopup="true">SA</button>
  <div class="account-menu" hidden><span>${esc(AGENT.name)}</span><span>${esc(AGENT.email)}</span></div></nav>`;

const RECORD_SCRIPT = `
setTimeout(function () {
  var p = document.querySelector('[data-test-id="properties-card"]');
  p.innerHTML =
    '<div data-selenium-test="property-label-email">Email</div>' +
    '<div data-selenium-test="property-input-email"><span><span class="private-truncated-string__inner"><span></span></span></span></div>' +
    '<div data-selenium-test="property-label-hubspot_owner_id">Contact owner</div><div data-selenium-test="property-input-hubspot_owner_id">' + DATA.agent + '</div>';
  p.querySelector('.private-truncated-string__inner span').textContent = DATA.email;
}, PAINT_MS);
`;

/**
 * Traps (`associated`): the right sidebar's association cards, a company and its contacts listed
 * as a table with an Email column (no public evidence of their markup: drawn so), and a closed
 * preview panel (`[data-selenium-test="sidebar-preview-panel"]`, clockify/browser-extension
 * src/integrations/hubspot.js) still holding the last previewed contact.
 */
function associations(people: Customer[]) {
  const rows = people.map((p) => `<tr><td>${esc(p.name)}</td><td>${esc(p.email)}</td></tr>`).join('');
  return `<div data-test-id="right-sidebar"><section data-test-id="association-card-company"><h3>Company (1)</h3><a href="/contacts/4455667/record/0-2/77">Acme Ltd</a> <span>acme.test</span></section>
    <section data-test-id="association-card-contacts"><h3>Contacts (${people.length})</h3><table><thead><tr><th>Name</th><th>Email</th></tr></thead><tbody>${rows}</tbody></table></section></div>
    <div data-selenium-test="sidebar-preview-panel" hidden><span data-selenium-test="highlightTitle">${esc(people[0]!.name)}</span><div data-selenium-test="property-input-email">${esc(people[0]!.email)}</div></div>`;
}

export function hubspotContact(c: Customer, recordId = 1201, o: { associated?: Customer[] } = {}): Fixture {
  return fixture({
    title: `${c.name} | HubSpot`,
    path: `/contacts/4455667/record/0-1/${recordId}`,
    body: `${NAV}<div data-scroll-trackable-container="left-sidebar">
      <div data-test-id="record-highlight-main-content"><span data-selenium-test="highlightTitle"><span>${esc(c.name)}</span></span></div>
      <div data-test-id="properties-card"><div class="private-skeleton" aria-busy="true"></div></div>
    </div>
    <div data-test-id="middle-pane"><h2>Activity</h2>
      <div class="timeline-email"><b>${esc(AGENT.name)}</b> emailed ${esc(c.name)} from ${esc(SUPPORT_EMAIL)}: "Your refund is on its way."</div>
      <div class="timeline-note">Note by ${esc(AGENT.email)}: call back on Monday.</div>
    </div>${o.associated?.length ? associations(o.associated) : ''}`,
    script: RECORD_SCRIPT,
    data: { email: c.email, agent: AGENT.name },
  });
}

export function hubspotIndex(rows: Customer[]): Fixture {
  const body = rows
    .map(
      (c, i) =>
        `<tr><td data-table-external-id="name-${1300 + i}"><span data-test-id="truncated-object-label">${esc(c.name)}</span></td><td>${esc(c.email)}</td><td>${esc(AGENT.name)}</td></tr>`,
    )
    .join('');
  return fixture({
    title: 'Contacts | HubSpot',
    path: '/contacts/4455667/objects/0-1/views/all/list',
    body: `${NAV}<table><thead><tr><th>Name</th><th>Email</th><th>Contact owner</th></tr></thead><tbody>${body}</tbody></table>`,
  });
}
