import type { Found } from './types.js';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

/** The email an element names: its mailto link, a `title`/`value`, or its text. */
export function readEmail(el: Element): string | undefined {
  const link = el.matches('a[href^="mailto:"]') ? el : el.querySelector('a[href^="mailto:"]');
  const href = link?.getAttribute('href');
  if (href) return decodeURIComponent(href.slice(7).split('?')[0]!).trim() || undefined;
  // `value` only of form fields: an <li>'s value is its number.
  const value = el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el.value : null;
  for (const v of [el.getAttribute('title'), value, el.textContent]) {
    const m = v?.match(EMAIL);
    if (m) return m[0];
  }
  return undefined;
}

/** Every element matching a selector that names an email, once per element (our own badges skipped). */
export function findBySelectors(root: ParentNode, selectors: string[]): Found[] {
  const out: Found[] = [];
  const seen = new Set<Element>();
  for (const sel of selectors) {
    let els: NodeListOf<Element>;
    try {
      els = root.querySelectorAll(sel);
    } catch {
      continue; // a user's selector that does not parse finds nothing rather than breaking the page
    }
    for (const el of els) {
      if (seen.has(el) || el.closest('moments-badge')) continue;
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

/**
 * Emails anywhere in the page's text and mailto links (the generic adapter): each text node or link
 * that holds one gets a badge, so a list of customers gets one per row.
 */
export function findEmailsInText(doc: Document): Found[] {
  const out: Found[] = [];
  const seen = new Set<Element>();
  for (const a of doc.querySelectorAll('a[href^="mailto:"]')) {
    const email = readEmail(a);
    if (email && !a.closest('moments-badge')) {
      seen.add(a);
      out.push({ key: { email }, anchor: a });
    }
  }
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => {
      const p = n.parentElement;
      if (!p || p.closest('script,style,textarea,input,moments-badge,[contenteditable]'))
        return NodeFilter.FILTER_REJECT;
      return EMAIL.test(n.nodeValue ?? '') ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
    },
  });
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement!;
    if (seen.has(el) || el.closest('a[href^="mailto:"]')) continue;
    seen.add(el);
    out.push({ key: { email: n.nodeValue!.match(EMAIL)![0] }, anchor: el });
  }
  return out;
}
