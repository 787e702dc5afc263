import {
  type Customer,
  type Fixture,
  freshdeskTicket,
  genericPage,
  hubspotContact,
  hubspotIndex,
  intercomConversation,
  type SfContact,
  salesforceContact,
  salesforceList,
  ZD_TRAP_PEOPLE,
  zendeskTicket,
  zendeskView,
} from './crm-pages/index.js';
import { servePages } from './pages.js';
import { makeSelfSignedCert } from './tls.js';

const C = (id: string, name: string): Customer => ({ id, name, email: `${id}@acme.test` });
/** The customers of the extension suites, each shown on one help desk (see `fixtureFor`). */
export const PEOPLE = {
  ann: C('ann', 'Ann Archer'),
  bob: C('bob', 'Bob Baker'),
  cat: C('cat', 'Cat Cole'),
  dan: C('dan', 'Dan Dunn'),
  eve: C('eve', 'Eve Ellis'),
  fay: C('fay', 'Fay Ford'),
  nobody: C('nobody', 'No Body'),
  /** A colleague, on the domain of the company's shop (the site's allowed origin): never a customer. */
  kim: { id: 'kim', name: 'Kim Colleague', email: 'kim@acme-store.example' },
};
const { ann, bob, cat, dan, eve, fay, nobody, kim } = PEOPLE;
const TICKETS = [
  { id: 1, subject: 'Where is my order?', requester: ann },
  { id: 2, subject: 'Refund please', requester: bob },
  { id: 3, subject: 'Wrong size', requester: cat },
];
const sf = (c: Customer, recordId: string, more: Partial<SfContact> = {}): SfContact => ({
  ...c,
  recordId,
  ...more,
});
const SF = [
  sf(ann, '003A'),
  sf(cat, '003C', { customerId: cat.id }),
  sf(dan, '003D', { reportsTo: sf(ann, '003A') }),
];

/**
 * The fixture help desk page for a path (each app on its own host name; see CRM_HOSTS). With
 * `?traps`, a page also names other people (customers Moments knows, so a wrong badge shows a
 * score) and opens the next ticket or conversation slowly (the URL first, the page later).
 */
function fixtureFor(path: string, traps = false): Fixture | undefined {
  const ticket = path.match(/^\/agent\/tickets\/(\d+)/)?.[1];
  if (ticket && traps)
    return zendeskTicket(TICKETS, Number(ticket), [], {
      traps: true,
      trapPeople: { ...ZD_TRAP_PEOPLE, cc: cat, quoted: dan },
    });
  if (path.startsWith('/a/inbox/') && traps) return intercomConversation(eve, fay, 77, { next: ann });
  if (ticket) return zendeskTicket(TICKETS, Number(ticket), Number(ticket) > 1 ? [1] : []);
  if (path.startsWith('/agent/filters/')) return zendeskView(TICKETS);
  const record = path.match(/^\/lightning\/r\/Contact\/([^/]+)/)?.[1];
  if (record) return salesforceContact(SF, record, record === '003D' ? ['003A'] : []);
  if (path.startsWith('/lightning/o/Contact/list')) return salesforceList(SF);
  if (path.startsWith('/contacts/4455667/record/')) return hubspotContact(dan);
  if (path.startsWith('/contacts/4455667/objects/')) return hubspotIndex([dan, eve, kim]);
  if (path.startsWith('/a/inbox/')) return intercomConversation(eve, fay);
  if (path.startsWith('/a/tickets/')) return freshdeskTicket(fay);
  if (path === '/accounts') return genericPage([dan, eve, nobody], fay, cat);
  return undefined;
}
const API: Record<string, unknown> = Object.assign(
  {},
  zendeskTicket(TICKETS, 1).api,
  freshdeskTicket(fay).api,
);

/**
 * Every fixture help desk on one HTTPS server (any host name: the browser maps them to loopback),
 * and their JSON APIs, answered as the apps would answer the agent's session.
 */
export function serveHelpDesks() {
  return servePages((path, url) => {
    const f = fixtureFor(path, url.searchParams.has('traps'));
    if (f) return { html: f.html };
    const body = API[path + url.search];
    return body ? { html: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : undefined;
  }, makeSelfSignedCert());
}
