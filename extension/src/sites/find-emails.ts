import { collectRoots, deepQueryAll, isShown } from './deep-dom.js';
import type { Found } from './types.js';

export const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;

/** Characters that show nothing (zero-width space, joiners, word joiner, BOM, soft hyphen). */
export const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

/**
 * The first email in a text, read as the agent sees it: invisible characters inside an address
 * ("zo\u200Be@mail.acme\u200B.test") are dropped first, or the match would be a truncated, wrong
 * address ("e@mail.acme").
 */
export function matchEmail(text: string | null | undefined): string | undefined {
  return text?.replace(INVISIBLE, '').match(EMAIL)?.[0];
}

/** The email an element names: its mailto link, a `title`/`value`, or its text (shadow DOM included). */
export function readEmail(el: Element): string | undefined {
  const link = el.matches('a[href^="mailto:"]') ? el : deepQueryAll(el, 'a[href^="mailto:"]')[0];
  const href = link?.getAttribute('href');
  if (href) {
    try {
      const email = matchEmail(decodeURIComponent(href.slice(7).split('?')[0]!).trim());
      if (email) return email;
    } catch {
      // a malformed escape: read the text instead
    }
  }
  // `value` only of form fields: an <li>'s value is its number.
  const field = el.matches('input,textarea') ? el : el.querySelector('input,textarea');
  const value =
    field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement ? field.value : null;
  for (const v of [el.getAttribute('title'), value, deepText(el)]) {
    const m = matchEmail(v);
    if (m) return m;
  }
  return undefined;
}

/**
 * The text an element shows, including what its open shadow roots render, one text node per word
 * gap: `textContent` would glue "Fay Ford" and "fay@acme.test" of two spans into "Fordfay@…".
 */
export function deepText(el: Element): string {
  const parts: string[] = [];
  for (const root of [el, ...collectRoots(el)]) {
    const walker = el.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) parts.push(n.nodeValue ?? '');
  }
  return parts.join(' ');
}

/** Every shown element matching a selector that names an email, once per element (our badges skipped). */
export function findBySelectors(root: Document | ShadowRoot | Element, selectors: string[]): Found[] {
  const out: Found[] = [];
  const seen = new Set<Element>();
  for (const sel of selectors) {
    for (const el of deepQueryAll(root, sel)) {
      if (seen.has(el) || el.closest('moments-badge') || !isShown(el)) continue;
      seen.add(el);
      let email: string | undefined;
      try {
        email = readEmail(el);
      } catch {
        continue; // one odd element of the host page must not take every badge down with it
      }
      if (email) out.push({ key: { email }, anchor: el });
    }
  }
  return out;
}

const SKIP_TEXT_IN = 'script,style,template,noscript,textarea,input,moments-badge,[contenteditable]';

/**
 * Emails in shown links and text anywhere on the page, shadow roots and same-origin frames
 * included (the generic finder): each element that holds one gets a badge, so a list of
 * customers gets one per row.
 */
export function findEmailsInText(doc: Document): Found[] {
  const out: Found[] = [];
  const seen = new Set<Element>();
  for (const a of deepQueryAll(doc, 'a[href^="mailto:"]')) {
    const email = readEmail(a);
    if (email && !a.closest('moments-badge') && isShown(a)) {
      seen.add(a);
      out.push({ key: { email }, anchor: a });
    }
  }
  for (const root of collectRoots(doc)) {
    const start = root instanceof Document ? root.body : root;
    if (!start) continue;
    const walker = doc.createTreeWalker(start, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => {
        const p = n.parentElement;
        if (!p || p.closest(SKIP_TEXT_IN)) return NodeFilter.FILTER_REJECT;
        return matchEmail(n.nodeValue) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
      },
    });
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement!;
      if (seen.has(el) || el.closest('a[href^="mailto:"]') || !isShown(el)) continue;
      seen.add(el);
      out.push({ key: { email: matchEmail(n.nodeValue)! }, anchor: el });
    }
  }
  return out;
}
