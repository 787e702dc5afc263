import { getFirstJson, getJsonOnce, obj, str } from './api-cache.js';
import { composedClosest, deepQueryAll, isShown } from './deep-dom.js';
import { firstAllowed } from './exclusions.js';
import { findBySelectors, matchEmail, readEmail } from './find-emails.js';
import { findByText, findColumnCells, findInPersonContainers, findLabelledEmails } from './labelled.js';
import type { Found, PageContext, SiteAdapter } from './types.js';

/**
 * Zendesk Agent Workspace (`{sub}.zendesk.com/agent/…`). What the evidence shows:
 * - A ticket shows its requester's NAME, not the email (bryanvillarin/zendesk-requester-email-replacer,
 *   zendesk-requester-email-replacer.user.js, exists to swap names for emails), and gets the email
 *   from Zendesk's own `/api/v2` with the agent's session. We ask `/api/v2/tickets/{id}.json?include=users`
 *   (the ticket and its users sideloaded in one GET, Zendesk's documented sideload).
 * - Earlier tickets stay mounted as hidden panes; the open one carries `data-is-active="true"`
 *   (toggl/track-extension src/content/zendesk.js "new UI Sept 2023"; clockify/browser-extension
 *   src/integrations/selectors.json `zendesk.singleTicketViewNewUi`).
 * - Views are `table[data-test-id="generic-table"]` with rows `tr[aria-describedby="generic-table-row-{ticketId}"]`
 *   and a "Requester" column of names (the same userscript), resolved with `tickets/show_many.json`.
 */
export const ZENDESK = {
  activePane: ['.ticket-panes-grid-layout[data-is-active="true"]', '[data-is-active="true"]'],
  /** The requester field of the ticket's properties panel, and the requester tab (bryanvillarin, TICKET_SIDEBAR_REQ_SELECTOR / TICKET_REQ_SELECTOR). */
  requester: [
    '[data-test-id="ticket-system-field-requester-select"] [data-garden-id="typography.ellipsis"]',
    'span[data-test-id="tabs-nav-item-users"] span.react-wrapper',
  ],
  table: 'table[data-test-id="generic-table"]',
  rowTicket: /generic-table-row-(\d+)/,
  requesterColumn: ['requester'],
  /** Guessed, not seen in public code: the customer context panel's email line (kept as a fallback only). */
  contextEmail: ['[data-test-id="customer-context-email"]', '[data-test-id="user-profile-email"]'],
  /**
   * The open ticket's conversation pane names its ticket: `[data-side-conversations-anchor-id="{id}"]`
   * (toggl/track-extension src/content/zendesk.js reads the subject inside it by the URL's id).
   */
  ticketAnchor: 'data-side-conversations-anchor-id',
  /** The requester field, whose `[title]` may hold the email (a public Zendesk userscript found by code search reads `[data-test-id="requester-field"] [title]`). */
  requesterField: [
    '[data-test-id="ticket-system-field-requester-select"]',
    '[data-test-id="requester-field"]',
  ],
  /**
   * Where other people's emails show on a ticket: the conversation (`omni-log-comment-item`, quoted
   * replies), CCs and followers (`ticket-fields-collaborators`, seen in public Zendesk scripts
   * found by code search), side conversations. Never the requester's field.
   */
  notRequester: [
    '[data-test-id="omni-log-comment-item"]',
    'article',
    'blockquote',
    '[data-test-id*="collaborators" i]',
    '[data-test-id*="followers" i]',
    '[data-test-id*="side-conversation" i]',
  ],
};

const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * Whether the page still shows another ticket than the URL names: single-page navigation changes
 * the URL first and paints the next ticket a moment later, in the last one's active pane.
 */
function showsAnotherTicket(doc: Document, ticketId: string): boolean {
  const shown = deepQueryAll(doc, `[${ZENDESK.ticketAnchor}]`).filter(isShown);
  return shown.length > 0 && !shown.some((el) => el.getAttribute(ZENDESK.ticketAnchor) === ticketId);
}

type ZdUser = { id: number; email?: string; name?: string };
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function usersOf(data: unknown): Map<number, ZdUser> {
  const users = new Map<number, ZdUser>();
  const list = obj(data)?.users;
  if (Array.isArray(list))
    for (const u of list) {
      const o = obj(u);
      if (typeof o?.id === 'number') users.set(o.id, { id: o.id, email: str(o.email), name: str(o.name) });
    }
  return users;
}

/** The shown pane of the open ticket (earlier tickets stay mounted, hidden), else the document. */
function activePane(doc: Document): Element | Document {
  for (const sel of ZENDESK.activePane) {
    const pane = deepQueryAll(doc, sel).find(isShown);
    if (pane) return pane;
  }
  return doc;
}

/** A user by id: `users/{id}.json`, else `users/show_many.json` (as the userscript asks). */
async function getUser(ctx: PageContext, id: number): Promise<ZdUser | undefined> {
  const one = obj(obj(await getJsonOnce(ctx, `/api/v2/users/${id}.json`))?.user);
  if (one) return { id, email: str(one.email), name: str(one.name) };
  return usersOf(await getJsonOnce(ctx, `/api/v2/users/show_many.json?ids=${id}`)).get(id);
}

/** A user's profile (`/agent/users/{id}`): the email from the API, on the name or the labelled field. */
async function findOnUser(ctx: PageContext, userId: number): Promise<Found[]> {
  const pane = activePane(ctx.doc);
  const u = await getUser(ctx, userId);
  if (u?.email) {
    const anchor =
      findLabelledEmails(pane).find(
        (f) => 'email' in f.key && f.key.email.toLowerCase() === u.email!.toLowerCase(),
      )?.anchor ?? (u.name ? findByText(pane, u.name) : undefined);
    return anchor ? [{ key: { email: u.email }, anchor }] : [];
  }
  return firstAllowed([...findBySelectors(pane, ZENDESK.contextEmail), ...findLabelledEmails(pane)], ctx);
}

async function findOnTicket(ctx: PageContext, ticketId: string): Promise<Found[]> {
  if (showsAnotherTicket(ctx.doc, ticketId)) return [];
  const pane = activePane(ctx.doc);
  const data = await getFirstJson(ctx, [
    `/api/v2/tickets/${ticketId}.json?include=users`,
    `/api/v2/tickets/${ticketId}.json`,
  ]);
  const requesterId = obj(obj(data)?.ticket)?.requester_id;
  let requester = typeof requesterId === 'number' ? usersOf(data).get(requesterId) : undefined;
  if (!requester?.email && typeof requesterId === 'number') {
    // Not sideloaded (an older API, a proxy that drops the query): the user by id, also documented.
    const u = await getUser(ctx, requesterId);
    if (u) requester = u;
  }
  if (requester?.email) {
    const { name, email } = requester;
    // The field must name this requester: a field still showing the last ticket's is not theirs.
    const names = (el: Element) =>
      !name || norm(el.textContent).includes(norm(name)) || norm(el.textContent).includes(norm(email));
    const anchor =
      ZENDESK.requester.flatMap((s) => deepQueryAll(pane, s)).find((el) => isShown(el) && names(el)) ??
      (name ? findByText(pane, name) : undefined);
    // Painted late: no anchor yet; the next DOM change scans again.
    return anchor ? [{ key: { email }, anchor }] : [];
  }
  // No API (an agent without access, an old account): what the pane itself shows of the
  // requester, never the conversation's, CCs' or followers' addresses.
  const own = ZENDESK.requesterField
    .flatMap((s) => deepQueryAll(pane, s))
    .filter(isShown)
    .flatMap((field) => [field, ...deepQueryAll(field, '[title]')])
    .flatMap((el) => {
      const email = matchEmail(el.getAttribute('title')) ?? readEmail(el);
      return email ? [{ key: { email }, anchor: el } satisfies Found] : [];
    });
  const notOthers = (found: Found[]) =>
    found.filter((f) => !ZENDESK.notRequester.some((sel) => composedClosest(f.anchor, sel)));
  const shown = firstAllowed(
    notOthers([...own, ...findBySelectors(pane, ZENDESK.contextEmail), ...findLabelledEmails(pane)]),
    ctx,
  );
  return shown.length ? shown : firstAllowed(notOthers(findInPersonContainers(pane)), ctx);
}

/** A view row's ticket: its `aria-describedby` (the userscript's hook), else a link to the ticket. */
function ticketIdOfRow(row: Element): string | undefined {
  return (
    row.getAttribute('aria-describedby')?.match(ZENDESK.rowTicket)?.[1] ??
    row.getAttribute('data-test-id')?.match(ZENDESK.rowTicket)?.[1] ??
    row
      .querySelector('a[href*="/agent/tickets/"]')
      ?.getAttribute('href')
      ?.match(/tickets\/(\d+)/)?.[1]
  );
}

/**
 * Each ticket's requester id, from the view's own execution (`views/{id}/execute.json`, what the
 * userscript asks first: rows with `ticket.id` and `requester_id`), else `tickets/show_many.json`.
 */
async function requesterIdsOf(ctx: PageContext, ids: string[]) {
  const out = new Map<string, number>();
  const view = ctx.url.pathname.match(/^\/agent\/filters\/(\d+)/)?.[1];
  const executed = view ? obj(await getJsonOnce(ctx, `/api/v2/views/${view}/execute.json`)) : undefined;
  for (const row of asArray(executed?.rows)) {
    const r = obj(row);
    const id = obj(r?.ticket)?.id ?? r?.ticket_id;
    if (typeof r?.requester_id === 'number' && id !== undefined) out.set(String(id), r.requester_id);
  }
  let data: unknown = executed;
  if (ids.some((id) => !out.has(id))) {
    data = await getFirstJson(ctx, [
      `/api/v2/tickets/show_many.json?ids=${ids.join(',')}&include=users`,
      `/api/v2/tickets/show_many.json?ids=${ids.join(',')}`,
    ]);
    for (const t of asArray(obj(data)?.tickets)) {
      const o = obj(t);
      if (o && typeof o.requester_id === 'number') out.set(String(o.id), o.requester_id);
    }
  }
  return { requesterIds: out, users: new Map([...usersOf(executed), ...usersOf(data)]) };
}

async function findInView(ctx: PageContext): Promise<Found[]> {
  const rows = findColumnCells(ctx.doc, ZENDESK.requesterColumn)
    .map(({ cell, row }) => ({ cell, id: ticketIdOfRow(row) }))
    .filter((r): r is { cell: Element; id: string } => !!r.id);
  if (!rows.length) return [];
  const ids = [...new Set(rows.map((r) => r.id))].sort();
  const { requesterIds, users } = await requesterIdsOf(ctx, ids);
  const missing = [...new Set(requesterIds.values())]
    .filter((id) => !users.get(id)?.email)
    .sort((a, b) => a - b);
  if (missing.length)
    for (const [id, u] of usersOf(
      await getJsonOnce(ctx, `/api/v2/users/show_many.json?ids=${missing.join(',')}`),
    ))
      users.set(id, u);
  return rows.flatMap(({ cell, id }) => {
    const requester = requesterIds.get(id);
    const email = requester === undefined ? undefined : users.get(requester)?.email;
    // A cell that shows the email itself (a view set up so) needs no API.
    const shown = readEmail(cell);
    return email || shown ? [{ key: { email: (email ?? shown)! }, anchor: cell }] : [];
  });
}

export const zendesk: SiteAdapter = {
  id: 'zendesk',
  name: 'Zendesk',
  matches: ['https://*.zendesk.com/*'],
  vendorDomains: ['zendesk.com', 'zdusercontent.com'],
  handles: (url) => url.pathname.startsWith('/agent/'),
  find: async (ctx) => {
    const ticket = ctx.url.pathname.match(/^\/agent\/tickets\/(\d+)/)?.[1];
    if (ticket) return findOnTicket(ctx, ticket);
    const user = ctx.url.pathname.match(/^\/agent\/users\/(\d+)/)?.[1];
    if (user) return findOnUser(ctx, Number(user));
    if (/^\/agent\/(filters|search)\//.test(ctx.url.pathname)) return findInView(ctx);
    return [
      ...findBySelectors(activePane(ctx.doc), ZENDESK.contextEmail),
      ...findLabelledEmails(activePane(ctx.doc)),
    ];
  },
  // Zendesk's documented "show the current user": the agent, never a customer.
  agentEmails: async (ctx) => {
    const email = str(obj(obj(await getJsonOnce(ctx, '/api/v2/users/me.json'))?.user)?.email);
    return email ? [email] : [];
  },
};
