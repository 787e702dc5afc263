import { collectRoots } from '../sites/deep-dom.js';

/** Attributes that hide or show a mounted record (a tab switch flips one of these, not the tree). */
const VISIBILITY_ATTRS = [
  'hidden',
  'style',
  'class',
  'aria-hidden',
  'aria-selected',
  'data-is-active',
  'inert',
];

/**
 * Calls `onChange` after each burst of changes to the page: the document, every open shadow root
 * (Lightning re-renders inside them, where a document observer sees nothing), same-origin frames,
 * and single-page navigations (pushState, Back). Our own badges' changes are ignored.
 */
export function watchPage(doc: Document, onChange: () => void, debounceMs: number) {
  const observed = new WeakSet<Node>();
  let pending: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    clearTimeout(pending);
    pending = setTimeout(() => {
      observeNewRoots();
      onChange();
    }, debounceMs);
  };
  const observer = new MutationObserver((records) => {
    const ours = (n: Node) => n.nodeName === 'MOMENTS-BADGE';
    if (
      records.every(
        (r) => ours(r.target) || (r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every(ours)),
      )
    )
      return;
    schedule();
  });
  const observe = (root: Node) => {
    if (observed.has(root)) return;
    observed.add(root);
    observer.observe(root, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: VISIBILITY_ATTRS,
    });
  };
  function observeNewRoots() {
    for (const r of collectRoots(doc)) {
      observe(r instanceof Document ? r.documentElement : r);
      // A same-origin frame fills in after its element is added: no mutation of ours says so.
      for (const frame of r.querySelectorAll('iframe')) {
        if (observed.has(frame)) continue;
        observed.add(frame);
        frame.addEventListener('load', schedule);
      }
    }
  }
  observeNewRoots();
  // pushState does not fire an event: a navigation that changes only the URL (the DOM may follow
  // later, or not at all when the next ticket reuses the same markup) is caught by polling the URL.
  let href = doc.location?.href;
  const timer = setInterval(() => {
    if (doc.location?.href !== href) {
      href = doc.location?.href;
      schedule();
    }
  }, 250);
  doc.defaultView?.addEventListener('popstate', schedule);
  return () => {
    observer.disconnect();
    clearInterval(timer);
    doc.defaultView?.removeEventListener('popstate', schedule);
  };
}
