import { AGENT, type Customer, esc, type Fixture, fixture, SUPPORT_EMAIL } from './shell.js';

/**
 * Zendesk Agent Workspace, from public evidence (see extension/src/sites/zendesk.ts for the
 * citations): a ticket shows its requester's NAME in the properties panel
 * (`[data-test-id="ticket-system-field-requester-select"] [data-garden-id="typography.ellipsis"]`)
 * and in the tab bar, never the email; the email comes from `/api/v2` with the agent's session,
 * which this fixture serves. Each opened ticket is a `.ticket-panes-grid-layout` pane; earlier
 * ones stay mounted, hidden, with `data-is-active="false"`. Opening a ticket paints a skeleton
 * first. "Next ticket" and Back change the URL with pushState/popstate, no reload. The header
 * holds the agent's user menu; the conversation quotes the support address.
 */
export type ZdTicket = { id: number; subject: string; requester: Customer };

const AGENT_ID = 900;
const userId = (c: Customer) => 1000 + ([...c.id].reduce((n, ch) => n * 31 + ch.charCodeAt(0), 7) % 100_000);
const zdUser = (c: Customer) => ({ id: userId(c), name: c.name, email: c.email, role: 'end-user' });
const zdAgent = { id: AGENT_ID, name: AGENT.name, email: AGENT.email, role: 'agent' };

function api(tickets: ZdTicket[]): Record<string, unknown> {
  const out: Record<string, unknown> = { '/api/v2/users/me.json': { user: zdAgent } };
  for (const t of tickets)
    out[`/api/v2/tickets/${t.id}.json?include=users`] = {
      ticket: { id: t.id, subject: t.subject, requester_id: userId(t.requester), assignee_id: AGENT_ID },
      users: [zdUser(t.requester), zdAgent],
    };
  // A view's execution, as the userscript reads it: rows with the requester's id, users by name only.
  out['/api/v2/views/360/execute.json'] = {
    rows: tickets.map((t) => ({
      ticket: { id: t.id, subject: t.subject },
      requester_id: userId(t.requester),
    })),
    users: tickets.map((t) => ({ id: userId(t.requester), name: t.requester.name })),
  };
  const requesterIds = [...new Set(tickets.map((t) => userId(t.requester)))].sort((a, b) => a - b);
  out[`/api/v2/users/show_many.json?ids=${requesterIds.join(',')}`] = {
    users: tickets.map((t) => zdUser(t.requester)),
  };
  const ids = tickets.map((t) => String(t.id)).sort();
  out[`/api/v2/tickets/show_many.json?ids=${ids.join(',')}&include=users`] = {
    tickets: tickets.map((t) => ({ id: t.id, subject: t.subject, requester_id: userId(t.requester) })),
    users: [...tickets.map((t) => zdUser(t.requester)), zdAgent],
  };
  return out;
}

const HEADER = `<header data-test-id="header-toolbar" role="banner">
  <nav aria-label="Ticket page location" id="zd-tabs"></nav>
  <button type="button" class="host-button" data-test-id="header-profile-menu-button" aria-label="User menu" aria-haspopup="true">${esc(AGENT.name)}</button>
  <div data-test-id="header-profile-menu" hidden><span>${esc(AGENT.name)}</span> <span>${esc(AGENT.email)}</span></div>
</header>`;

// The app's code: one pane per opened ticket, the open one active and shown, the rest hidden.
const TICKET_SCRIPT = `
// Traps (DATA.traps): what a real ticket shows besides its requester. A CC'd customer and a
// colleague in the CCs field (\`ticket-fields-collaborators\`, read by public Zendesk userscripts
// found by code search); a follower (the agent); a customer's reply quoting an earlier mail and
// signed "Email: …"; a side conversation to a supplier (no public evidence of its markup: drawn
// as a plain panel); a macro's mailto kept in a <template>; the requester's email in the name's
// \`title\` (a public userscript reads \`[title]\` of the requester field for the email).
var T = DATA.trapPeople || {};
var TRAP_FIELDS = DATA.traps ?
  '<label>CCs</label><div data-test-id="ticket-fields-collaborators">' +
    '<span data-test-id="ticket-fields-collaborators-contact-card" title="' + esc(T.cc.email) + '">' + esc(T.cc.name) + '</span> ' +
    '<span data-test-id="ticket-fields-collaborators-contact-card">' + esc(T.colleague.email) + '</span></div>' +
  '<label>Followers</label><div data-test-id="ticket-fields-followers">' + esc(DATA.agent.email) + '</div>' : '';
var TRAP_COMMENTS = DATA.traps ?
  '<article data-test-id="omni-log-comment-item"><b>' + esc(T.cc.name) + '</b><div class="zd-comment"><p>Same here, please hurry.</p>' +
    '<blockquote>On Monday ' + esc(T.quoted.name) + ' &lt;<a href="mailto:' + esc(T.quoted.email) + '">' + esc(T.quoted.email) + '</a>&gt; wrote: where is it?</blockquote>' +
    '<div>Email:</div><div>' + esc(T.cc.email) + '</div></div></article>' +
  '<template id="macro-refund"><p>Write to <a href="mailto:' + esc(T.macro.email) + '">' + esc(T.macro.email) + '</a></p></template>' : '';
var TRAP_SIDE = DATA.traps ?
  '<div data-test-id="side-conversations-panel"><h3>Side conversation</h3><p>To: <a href="mailto:' + esc(T.supplier.email) + '">' + esc(T.supplier.email) + '</a></p></div>' : '';
function byId(id) { return DATA.tickets.filter(function (t) { return t.id === id; })[0]; }
function pane(id) { return document.querySelector('.ticket-panes-grid-layout[data-ticket-id="' + id + '"]'); }
function esc(s) { var d = document.createElement('span'); d.textContent = s; return d.innerHTML; }
function open(id, paintNow) {
  var t = byId(id); if (!t) return;
  var panes = document.querySelectorAll('.ticket-panes-grid-layout');
  for (var i = 0; i < panes.length; i++) { panes[i].setAttribute('data-is-active', 'false'); panes[i].style.display = 'none'; }
  var p = pane(id);
  if (!p) {
    p = document.createElement('div');
    p.className = 'ticket-panes-grid-layout';
    p.setAttribute('data-ticket-id', String(id));
    p.innerHTML = '<div data-test-id="ticket-skeleton" aria-busy="true">Loading ticket…</div>';
    document.getElementById('main_panes').appendChild(p);
    var tab = document.createElement('div');
    tab.setAttribute('data-entity-id', String(id));
    tab.innerHTML = '<span data-test-id="tabs-nav-item-users"><span class="react-wrapper">' + esc(t.requester.name) + '</span></span> #' + id;
    document.getElementById('zd-tabs').appendChild(tab);
    var paint = function () {
      p.innerHTML =
        '<div data-side-conversations-anchor-id="' + id + '" data-support-suite-trial-onboarding-id="conversationPane">' +
          '<input data-test-id="omni-header-subject" value="' + esc(t.subject) + '">' +
          '<article data-test-id="omni-log-comment-item"><b>' + esc(t.requester.name) + '</b><p>Hello, my order has not arrived.</p></article>' +
          '<article data-test-id="omni-log-comment-item"><b>' + esc(DATA.agent.name) + '</b><p>We are on it. Acme Support &lt;' + esc(DATA.support) + '&gt;</p></article>' +
          (DATA.traps ? TRAP_COMMENTS : '') +
        '</div>' +
        '<div data-test-id="ticket-properties">' +
          '<label>Requester</label>' +
          '<div data-test-id="ticket-system-field-requester-select"><div data-garden-id="typography.ellipsis"' + (DATA.traps ? ' title="' + esc(t.requester.email) + '"' : '') + '>' + esc(t.requester.name) + '</div></div>' +
          '<label>Assignee</label><div data-test-id="ticket-system-field-assignee-select">' + esc(DATA.agent.name) + '</div>' +
          (DATA.traps ? TRAP_FIELDS : '') +
        '</div>' +
        (DATA.traps ? TRAP_SIDE : '') +
        '<a id="next-ticket-' + id + '" class="next-ticket" href="/agent/tickets/' + (t.next || id) + '">Next ticket</a>' +
        '<a class="next-ticket-slow" href="/agent/tickets/' + (t.next || id) + '">Next ticket (slow)</a>';
    };
    if (paintNow) paint(); else setTimeout(paint, PAINT_MS);
  }
  var tabs = document.querySelectorAll('[data-entity-id]');
  for (var j = 0; j < tabs.length; j++) tabs[j].setAttribute('data-selected', String(tabs[j].getAttribute('data-entity-id') === String(id)));
  p.setAttribute('data-is-active', 'true');
  p.style.display = '';
}
function route() { var m = location.pathname.match(/tickets\\/(\\d+)/); if (m) open(Number(m[1])); }
document.addEventListener('click', function (e) {
  var a = e.target.closest && e.target.closest('a.next-ticket, a.next-ticket-slow');
  if (!a) return;
  e.preventDefault();
  history.pushState({}, '', a.getAttribute('href'));
  // The slow link: the URL names the next ticket while the last one's pane still shows, active.
  if (a.classList.contains('next-ticket-slow')) setTimeout(route, DATA.staleMs); else route();
});
window.addEventListener('popstate', route);
// Tickets opened earlier in this session stay mounted, hidden.
(DATA.earlier || []).forEach(function (id) { open(id, true); });
route();
`;

/** Other people a ticket names besides its requester (see the script's traps). */
export const ZD_TRAP_PEOPLE = {
  cc: { id: 'lee', name: 'Lee Lane', email: 'lee@acme.test' },
  colleague: { id: 'kim', name: 'Kim Colleague', email: 'kim@acme-store.example' },
  quoted: { id: 'moe', name: 'Moe Moss', email: 'moe@acme.test' },
  macro: { id: 'mac', name: 'Macro', email: 'macro@acme.test' },
  supplier: { id: 'sup', name: 'Supplier', email: 'orders@supplier.test' },
} satisfies Record<string, Customer>;

/**
 * A ticket page; `earlier` tickets were opened before and stay mounted, hidden. With `traps`,
 * the ticket also names CCs, followers, quoted and signed emails, a side conversation and a
 * macro (`trapPeople`); "Next ticket (slow)" changes the URL `staleMs` before the page follows.
 */
export function zendeskTicket(
  tickets: ZdTicket[],
  open: number,
  earlier: number[] = [],
  o: { traps?: boolean; trapPeople?: Record<keyof typeof ZD_TRAP_PEOPLE, Customer>; staleMs?: number } = {},
): Fixture {
  const next = new Map(tickets.map((t, i) => [t.id, tickets[(i + 1) % tickets.length]!.id]));
  return fixture({
    title: `Ticket #${open} – Zendesk`,
    path: `/agent/tickets/${open}`,
    body: `<div id="root">${HEADER}<main id="main_panes"></main></div>`,
    script: TICKET_SCRIPT,
    data: {
      tickets: tickets.map((t) => ({ ...t, next: next.get(t.id) })),
      earlier,
      agent: AGENT,
      support: SUPPORT_EMAIL,
      traps: !!o.traps,
      trapPeople: o.trapPeople ?? ZD_TRAP_PEOPLE,
      staleMs: o.staleMs ?? 1500,
    },
    api: api(tickets),
  });
}

/** A view (`/agent/filters/{id}`): the Requester column shows names; rows carry the ticket id. */
export function zendeskView(tickets: ZdTicket[]): Fixture {
  const rows = tickets
    .map(
      (t) =>
        `<tr aria-describedby="generic-table-row-${t.id}" data-test-id="generic-table-row"><td>${esc(t.subject)}</td><td>${esc(t.requester.name)}</td><td>2 hours ago</td></tr>`,
    )
    .join('');
  return fixture({
    title: 'Views – Zendesk',
    path: '/agent/filters/360',
    body: `<div id="root">${HEADER}<main><table data-test-id="generic-table"><thead><tr><th>Subject</th><th>Requester</th><th>Requested</th></tr></thead>
      <tbody data-test-id="generic-table-body">${rows}</tbody></table></main></div>`,
    api: api(tickets),
  });
}
