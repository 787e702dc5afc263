/**
 * The page as the agent sees it, not as `document.querySelectorAll` does: Salesforce Lightning
 * renders each component in its own (native, open) shadow root, nine and more levels deep, and some
 * help desks put panels in same-origin iframes. Closed shadow roots stay closed to us, as they should.
 */

/** Every root below `root`: itself, each open shadow root, and each same-origin iframe's document. */
export function collectRoots(root: Document | ShadowRoot | Element, out: (Document | ShadowRoot)[] = []) {
  if (!(root instanceof Element)) out.push(root);
  const walk = (node: ParentNode) => {
    for (const el of node.querySelectorAll('*')) {
      if (el.shadowRoot && !el.matches('moments-badge')) {
        out.push(el.shadowRoot);
        walk(el.shadowRoot);
      }
      if (el instanceof HTMLIFrameElement) {
        let doc: Document | null = null;
        try {
          doc = el.contentDocument; // null or a throw when cross-origin: not ours to read
        } catch {
          doc = null;
        }
        if (doc?.documentElement) {
          out.push(doc);
          walk(doc);
        }
      }
    }
  };
  if (root instanceof Element && root.shadowRoot && !root.matches('moments-badge')) {
    out.push(root.shadowRoot);
    walk(root.shadowRoot);
  }
  walk(root);
  return out;
}

/** `querySelectorAll` through open shadow roots and same-origin iframes, document order per root. */
export function deepQueryAll(root: Document | ShadowRoot | Element, selector: string): Element[] {
  const out: Element[] = [];
  const roots: ParentNode[] = root instanceof Element ? [root, ...collectRoots(root)] : collectRoots(root);
  for (const r of roots) {
    try {
      out.push(...r.querySelectorAll(selector));
    } catch {
      return []; // a selector that does not parse finds nothing rather than breaking the page
    }
  }
  return out;
}

/** The parent across shadow and frame boundaries (a shadow root's host, an iframe's element). */
export function composedParent(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.getRootNode();
  if (root instanceof ShadowRoot) return root.host;
  if (root instanceof Document && root !== document) return root.defaultView?.frameElement ?? null;
  return null;
}

/** `closest` across shadow boundaries. */
export function composedClosest(el: Element, selector: string): Element | null {
  for (let e: Element | null = el; e; e = composedParent(e)) if (e.matches(selector)) return e;
  return null;
}

/**
 * Whether the agent can see an element: no ancestor (across shadow roots) is `hidden`, inert,
 * `aria-hidden`, `display: none`, `visibility: hidden` or a closed `<details>`. Help desks keep
 * earlier tickets and records mounted but hidden this way; layout (`getClientRects`) would also
 * catch zero-size boxes, but a skeleton of a real record can be zero-size for a moment too.
 */
export function isShown(el: Element): boolean {
  const layout = hasLayout(el.ownerDocument);
  for (let e: Element | null = el; e; e = composedParent(e)) {
    if (e.hasAttribute('hidden') || e.hasAttribute('inert') || e.getAttribute('aria-hidden') === 'true')
      return false;
    const view = e.ownerDocument.defaultView;
    const style = view?.getComputedStyle(e);
    if (
      style &&
      (style.display === 'none' ||
        style.visibility === 'hidden' ||
        style.opacity === '0' ||
        style.getPropertyValue('content-visibility') === 'hidden')
    )
      return false;
    // A collapsed panel (zero height, overflow clipped) hides what it holds.
    if (layout && style && e !== el && /hidden|clip/.test(style.overflow)) {
      const r = e.getBoundingClientRect();
      if (r.height === 0 || r.width === 0) return false;
    }
  }
  if (!layout) return true;
  // No box at all, or a box moved off the page (left: -9999px): not in front of the agent.
  if (el.ownerDocument.defaultView?.getComputedStyle(el).display === 'contents') return true;
  if (!el.getClientRects().length) return false;
  const r = el.getBoundingClientRect();
  const view = el.ownerDocument.defaultView!;
  return r.right + view.scrollX > 0 && r.bottom + view.scrollY > 0;
}

/** Whether the document is laid out (a browser), not a DOM without layout (happy-dom in unit tests). */
function hasLayout(doc: Document): boolean {
  const body = doc.body;
  return !!body && body.getBoundingClientRect().width > 0;
}
