import { deepQueryAll, isShown } from './deep-dom.js';
import { readEmail } from './find-emails.js';
import type { Found } from './types.js';

/** Labels an email field carries in these apps' detail panels (English UI). */
export const EMAIL_LABELS = ['email', 'e-mail', 'email address', 'primary email', 'work email'];

const norm = (s: string | null | undefined) =>
  (s ?? '')
    .replace(/[\s:*]+/g, ' ')
    .trim()
    .toLowerCase();

/**
 * Fields shown as a label and a value (a `<dt>`/`<dd>`, a `<label for>`, a label element followed
 * by its value), where the label reads "Email": the value's element is the anchor. This is how an
 * app's details sidebar names a person even when none of its attributes are known to us.
 */
export function findLabelledEmails(root: Document | ShadowRoot | Element, labels = EMAIL_LABELS): Found[] {
  const out: Found[] = [];
  const seen = new Set<Element>();
  const candidates = deepQueryAll(root, 'label,dt,th,span,div,p,strong,b,h4,h5,h6,[role="term"]');
  for (const label of candidates) {
    if (label.children.length > 1 || !labels.includes(norm(label.textContent))) continue;
    if (!isShown(label) || label.closest('moments-badge')) continue;
    const value = labelValueOf(label);
    if (!value || seen.has(value) || !isShown(value)) continue;
    const email = readEmail(value);
    if (!email) continue;
    seen.add(value);
    out.push({ key: { email }, anchor: value });
  }
  return out;
}

/** The element holding a label's value: its `for` target, else the next element beside the label or its parents (two levels up), when that is short and names an email. */
function labelValueOf(label: Element): Element | null {
  const forId = label.getAttribute('for');
  const root = label.getRootNode() as Document | ShadowRoot;
  if (forId && 'getElementById' in root) {
    const target = root.getElementById(forId);
    if (target) return target;
  }
  let e: Element | null = label;
  for (let up = 0; e && up < 3; up++, e = e.parentElement) {
    const next = e.nextElementSibling;
    // A whole conversation beside a label is not its value.
    if (next && (next.textContent ?? '').length < 300 && readEmail(next)) return next;
  }
  return null;
}

/**
 * Cells of a table column whose header reads one of `headers` (Zendesk's views name the column
 * "Requester"; a contacts index names it "Email"), each with its row: one per shown row.
 */
export function findColumnCells(
  root: Document | ShadowRoot | Element,
  headers: string[],
): { cell: Element; row: Element }[] {
  const out: { cell: Element; row: Element }[] = [];
  for (const table of deepQueryAll(root, 'table')) {
    if (!isShown(table)) continue;
    const ths = [...table.querySelectorAll('thead th, thead [role="columnheader"]')];
    // A header may carry a sort control's text after its name ("Requester ▲").
    const col = ths.findIndex((th) =>
      headers.some((h) => norm(th.textContent) === h || norm(th.textContent).startsWith(`${h} `)),
    );
    if (col < 0) continue;
    for (const row of table.querySelectorAll('tbody tr')) {
      const cell = row.querySelectorAll(':scope > td, :scope > th')[col];
      if (cell && isShown(row)) out.push({ cell, row });
    }
  }
  return out;
}

/**
 * The shown element whose own text is exactly `text` (a requester's name the app's API gave us),
 * innermost first: where to put the badge when the page shows a name and no email.
 */
export function findByText(root: Document | ShadowRoot | Element, text: string): Element | undefined {
  const want = norm(text);
  if (!want) return undefined;
  let best: Element | undefined;
  for (const el of deepQueryAll(root, 'span,div,a,button,h1,h2,h3,h4,p,td,strong,b,li,dd')) {
    if (norm(el.textContent) !== want || el.closest('moments-badge') || !isShown(el)) continue;
    if (!best || best.contains(el)) best = el;
  }
  return best;
}

/** Containers whose attributes say they hold the requester or contact (class or test id names). */
export const PERSON_CONTAINERS = [
  '[class*="requester" i]',
  '[data-test-id*="requester" i]',
  '[data-testid*="requester" i]',
  '[class*="contact-details" i]',
  '[class*="contact-info" i]',
  '[data-test-id*="contact" i]',
];

/**
 * The email shown inside each container named for the requester or contact, innermost containers
 * first: a last resort where no API answered and no label reads "Email". The caller takes the
 * first it allows (a CC's contact card is a "contact" container too).
 */
export function findInPersonContainers(root: Document | Element): Found[] {
  const containers = deepQueryAll(root, PERSON_CONTAINERS.join(',')).filter(isShown);
  containers.sort((a, b) => (a.contains(b) ? 1 : b.contains(a) ? -1 : 0));
  const out: Found[] = [];
  for (const c of containers) {
    const link = deepQueryAll(c, 'a[href^="mailto:"]').find(isShown);
    const email = readEmail(link ?? c);
    if (email && !out.some((f) => f.anchor === (link ?? c))) out.push({ key: { email }, anchor: link ?? c });
  }
  return out;
}
