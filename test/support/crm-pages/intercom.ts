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
function paintSidebar() {
  var side = document.getElementById('details-' + DATA.id);
  side.innerHTML = '<h3>User data</h3><div class="attribute-list">' +
    '<div class="attribute"><span class="attribute-label">Name</span><span class="attribute-value"></span></div>' +
    '<div class="attribute"><span class="attribute-label">Email</span><span class="attribute-value"></span></div>' +
    '<div class="attribute"><span class="attribute-label">Owner</span><span class="attribute-value"></span></div></div>';
  var v = side.querySelectorAll('.attribute-value');
  v[0].textContent = DATA.name; v[1].textContent = DATA.email; v[2].textContent = DATA.agent;
}
setTimeout(paintSidebar, PAINT_MS);
// "Open next (slow)": the URL names the next conversation while this one still shows, then the
// app swaps the conversation and its sidebar in.
document.addEventListener('click', function (e) {
  var a = e.target.closest && e.target.closest('a.open-next-slow');
  if (!a || !DATA.next) return;
  e.preventDefault();
  history.pushState({}, '', a.getAttribute('href'));
  setTimeout(function () {
    var n = DATA.next;
    var conv = document.querySelector('[data-conversation-id="' + DATA.id + '"]');
    var old = document.getElementById('details-' + DATA.id);
    DATA.id = n.id; DATA.name = n.name; DATA.email = n.email;
    conv.setAttribute('data-conversation-id', String(n.id));
    conv.querySelector('[data-inbox-conversation-header-title] span').textContent = n.name;
    conv.querySelector('.conversation-part').textContent = 'Hello, a new question.';
    old.style.display = 'none';
    var side = document.createElement('aside'); side.id = 'details-' + n.id;
    old.parentNode.appendChild(side);
    paintSidebar();
  }, DATA.staleMs);
});
`;

/**
 * With `list`, the inbox's conversation list beside the open conversation (no public evidence of
 * its markup: drawn as links, one user known only by an email, as the inbox shows a user without
 * a name). With `next`, a link opens the next conversation slowly (`staleMs`).
 */
export function intercomConversation(
  c: Customer,
  previous: Customer,
  id = 77,
  o: { list?: Customer[]; next?: Customer; staleMs?: number } = {},
): Fixture {
  const list = (o.list ?? [])
    .map(
      (p, i) =>
        `<a class="inbox-list-item" href="/a/inbox/abc123/inbox/conversation/${id + 10 + i}"><b>${esc(i % 2 ? p.name : p.email)}</b> <span>${esc(p.email)} wrote: is it shipped?</span></a>`,
    )
    .join('');
  return fixture({
    title: 'Inbox | Intercom',
    path: `/a/inbox/abc123/inbox/conversation/${id}`,
    body: `<nav aria-label="Main"><button type="button" class="host-button" aria-label="Teammate profile" aria-haspopup="true">${esc(AGENT.name)}</button><span hidden>${esc(AGENT.email)}</span></nav>
    ${list ? `<div class="inbox-list" role="list">${list}</div>` : ''}
    ${o.next ? `<a class="open-next-slow" href="/a/inbox/abc123/inbox/conversation/${id + 1}">Next conversation</a>` : ''}
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
    data: {
      id,
      name: c.name,
      email: c.email,
      agent: AGENT.name,
      next: o.next && { id: id + 1, name: o.next.name, email: o.next.email },
      staleMs: o.staleMs ?? 1500,
    },
  });
}
