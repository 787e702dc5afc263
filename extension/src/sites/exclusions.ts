import { getSiteDomain } from '@moments/shared';
import { composedClosest, deepQueryAll } from './deep-dom.js';
import { deepText, EMAIL, INVISIBLE, matchEmail } from './find-emails.js';
import type { Found } from './types.js';

/**
 * Who is never a customer: the signed-in agent and the company itself. An agent's own address in
 * the app's header or user menu, and the support team's address quoted in a conversation, must
 * get no badge and no lookup (a lookup would also send the server a colleague's address).
 */
export type Exclusions = { emails: Set<string>; domains: Set<string> };

/** Mail providers: an agent on gmail.com does not make every gmail.com customer "the company". */
const PUBLIC_MAIL = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'yahoo.com',
  'icloud.com',
  'me.com',
  'proton.me',
  'protonmail.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  'aol.com',
]);

/** Where the apps put the signed-in user's own menu (its account or profile popup). */
export const USER_MENU_SELECTORS = [
  '[aria-label*="user menu" i]',
  '[aria-label*="account menu" i]',
  '[aria-label*="profile" i][aria-haspopup]',
  '[aria-label*="account" i][aria-haspopup]',
  '[aria-label*="user" i][aria-haspopup]',
  '[aria-label*="teammate" i][aria-haspopup]',
  '[id*="user-menu" i]',
  '[data-test-id*="user-menu" i]',
  '[data-test-id*="profile-menu" i]',
  '[class*="user-menu" i]',
  '[class*="usermenu" i]',
  '[class*="profile-menu" i]',
  '[class*="account-menu" i]',
  '[class*="userprofile" i]',
];

/**
 * The page's banner and navigation: on a plain page, where its own user shows. Weaker evidence
 * than a user menu (a record may put its customer in a header), so used by the generic finder only.
 */
export const CHROME_SELECTORS = ['header', 'nav', '[role="banner"]', '[role="navigation"]'];

const SECTIONING = 'article,aside,main,section,[role="main"],[role="dialog"],[role="complementary"]';

/**
 * Role addresses of a team, not a person: a help desk's conversation quotes them in every reply
 * ("write to support@…"). A customer business that writes from one is rare; a badge on every
 * quoted support address is not.
 */
export const ROLE_LOCAL_PARTS = [
  'support',
  'help',
  'helpdesk',
  'service',
  'customerservice',
  'care',
  'noreply',
  'no-reply',
  'donotreply',
  'do-not-reply',
  'notifications',
  'mailer-daemon',
  'postmaster',
];

/** Phrases before the signed-in user's own address, where an app prints it outside any menu. */
const SIGNED_IN = /\b(?:signed|logged) in as\b[^@]{0,60}?([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})/gi;

export const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

/**
 * Emails the page shows as its own user's: in a user menu, after "signed in as", and (with
 * `banner`) anywhere in its header or navigation.
 */
export function findAgentEmailsInChrome(doc: Document, o: { banner: boolean }): string[] {
  const out = new Set<string>();
  const selectors = o.banner ? [...USER_MENU_SELECTORS, ...CHROME_SELECTORS] : USER_MENU_SELECTORS;
  const menus = deepQueryAll(doc, selectors.join(','));
  // A menu button's popup: the element it controls, else the one right after it.
  for (const trigger of menus.filter((el) => el.hasAttribute('aria-haspopup'))) {
    const id = trigger.getAttribute('aria-controls');
    const popup =
      (id && (trigger.getRootNode() as Document | ShadowRoot).getElementById?.(id)) ||
      trigger.nextElementSibling;
    if (popup) menus.push(popup);
  }
  for (const el of menus) {
    // A <header> or <nav> inside a record or conversation belongs to it (ARIA: not a banner).
    if (el.matches('header,nav') && composedClosest(el, SECTIONING)) continue;
    for (const m of deepText(el).replace(INVISIBLE, '').matchAll(new RegExp(EMAIL, 'g')))
      out.add(m[0].toLowerCase());
    for (const a of el.querySelectorAll('a[href^="mailto:"]')) {
      const m = matchEmail(a.getAttribute('href')!.slice(7));
      if (m) out.add(m.toLowerCase());
    }
  }
  for (const m of (doc.body?.textContent ?? '').matchAll(SIGNED_IN)) out.add(m[1]!.toLowerCase());
  return [...out];
}

/**
 * The exclusions in force on a page: the agent's addresses and company domains from the options,
 * the agent's addresses the page (or its app's API) shows, the company domains those imply, the
 * page's own domain, and the help desk's own domains (`support@acme.zendesk.com`).
 */
export function buildExclusions(o: {
  agentEmails: string[];
  companyDomains: string[];
  pageHost: string;
  vendorDomains?: string[];
}): Exclusions {
  const emails = new Set(o.agentEmails.map((e) => e.trim().toLowerCase()).filter(Boolean));
  const domains = new Set(
    [...o.companyDomains, ...(o.vendorDomains ?? [])].map((d) => d.trim().toLowerCase()).filter(Boolean),
  );
  for (const e of emails) if (!PUBLIC_MAIL.has(domainOf(e))) domains.add(domainOf(e));
  const own = getSiteDomain(o.pageHost);
  if (own.includes('.') && !/^[\d.]+$/.test(own)) domains.add(own);
  domains.add(o.pageHost.toLowerCase());
  return { emails, domains };
}

/** Whether an address is the agent's or the company's (a domain covers its subdomains). */
export function isExcluded(email: string, ex: Exclusions): boolean {
  const e = email.toLowerCase();
  if (ex.emails.has(e) || ROLE_LOCAL_PARTS.includes(e.slice(0, e.lastIndexOf('@')))) return true;
  const d = domainOf(e);
  for (const dom of ex.domains) if (d === dom || d.endsWith(`.${dom}`)) return true;
  return false;
}

/** Drops what names the agent or the company; ids (not emails) always pass. */
export function withoutExcluded(found: Found[], ex: Exclusions): Found[] {
  return found.filter((f) => !('email' in f.key) || !isExcluded(f.key.email, ex));
}

/** The first found that names neither the agent nor the company (a record's one customer). */
export function firstAllowed(found: Found[], ctx: { excludes: (email: string) => boolean }): Found[] {
  return found.filter((f) => !('email' in f.key) || !ctx.excludes(f.key.email)).slice(0, 1);
}
