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
        '<div data-support-suite-trial-onboarding-id="conversationPane">' +
          '<input data-test-id="omni-header-subject" value="' + esc(t.subject) + '">' +
          '<article data-test-id="omni-log-comment-item"><b>' + esc(t.requester.name) + '</b><p>Hello, my order has not arrived.</p></article>' +
          '<article data-test-id="omni-log-comment-item"><b>' + esc(DATA.agent.name) + '</b><p>We are on it. Acme Support &lt;' + esc(DATA.support) + '&gt;</p></article>' +
        '</div>' +
        '<div data-test-id="ticket-properties">' +
          '<label>Requester</label>' +
          '<div data-test-id="ticket-system-field-requester-select"><div data-garden-id="typography.ellipsis">' + esc(t.requester.name) + '</div></div>' +
          '<label>Assignee</label><div data-test-id="ticket-system-field-assignee-select">' + esc(DATA.agent.name) + '</div>' +
        '</div>' +
        '<a id="next-ticket-' + id + '" class="next-ticket" href="/agent/tickets/' + (t.next || id) + '">Next ticket</a>';
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
  var a = e.target.closest && e.target.closest('a.next-ticket');
  if (!a) return;
  e.preventDefault();
  history.pushState({}, '', a.getAttribute('href'));
  route();
});
window.addEventListener('popstate', route);
// Tickets opened earlier in this session stay mounted, hidden.
(DATA.earlier || []).forEach(function (id) { open(id, true); });
route();
`;

/** A ticket page; `earlier` tickets were opened before and stay mounted, hidden. */
export function zendeskTicket(tickets: ZdTicket[], open: number, earlier: number[] = []): Fixture {
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
