import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Badge } from '../overlay/badge.js';
import { OVERLAY_CSS } from '../overlay/styles.js';
import { type CustomerKey, keyOf, type Push } from '../protocol.js';
import { clearJsonCache } from '../sites/api-cache.js';
import { findCustomers } from '../sites/index.js';
import type { PageInput } from '../sites/types.js';
import { send } from './messages.js';
import { watchPage } from './page-watch.js';
import { getState, keysOfCustomer, knownCustomerIds, setState } from './store.js';

/** Re-sends the watch list this often: keeps the live stream's worker awake while a CRM tab is open. */
const WATCH_EVERY_MS = 20_000;
/** A page that changes in a burst (a single-page app rendering) is scanned once, this long after. */
const SCAN_DEBOUNCE_MS = 50;

/**
 * The help desk's API is asked as the page itself would: Firefox runs a content script's own
 * `fetch` with the extension's principal, and offers `content.fetch` for requests as the page
 * (MDN, "Content scripts": XHR and Fetch); Chrome's content script fetch already is the page's origin.
 */
const pageFetch: typeof fetch = (input, init) => {
  const page = (globalThis as unknown as { content?: { fetch?: typeof fetch } }).content;
  return typeof page?.fetch === 'function' ? page.fetch(input, init) : fetch(input, init);
};

type Mounted = { host: HTMLElement; shadow: ShadowRoot; key: string };

/**
 * Finds customers on the page (and again whenever it changes without a reload), puts a badge in
 * a shadow root beside each, fills it from the cache at once and from the server next, and keeps
 * it live through the background worker.
 */
export async function startContent() {
  const config = await send({ type: 'page-config' });
  // Another port of a host the agent added (a match pattern has no port): nothing here is read.
  if (!config.enabled) return;
  const badges = new Map<Element, Mounted>();
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(OVERLAY_CSS);
  let watchedIds = '';

  // A customer named twice on a page (a list) is asked for once.
  const inFlight = new Set<string>();

  async function load(key: CustomerKey) {
    const k = keyOf(key);
    if (inFlight.has(k)) return;
    inFlight.add(k);
    try {
      await fetchInto(key, k);
    } finally {
      inFlight.delete(k);
    }
    void watch();
  }

  async function fetchInto(key: CustomerKey, k: string) {
    const cached = await send({ type: 'lookup', key, cached: true });
    if (cached && !getState(k).result) setState(k, { result: cached });
    const fresh = await send({ type: 'lookup', key, cached: false });
    setState(k, { result: fresh });
  }

  async function watch(force = false) {
    const ids = knownCustomerIds(new Set([...badges.values()].map((b) => b.key)));
    const sig = ids.sort().join(',');
    if (!force && sig === watchedIds) return;
    watchedIds = sig;
    await send({ type: 'watch', customerIds: ids });
  }

  function mount(anchor: Element, key: CustomerKey) {
    const k = keyOf(key);
    const host = document.createElement('moments-badge');
    // Closed: a page script cannot read the customer's scores from the panel or reach its buttons.
    const shadow = host.attachShadow({ mode: 'closed' });
    const view = anchor.ownerDocument.defaultView ?? window;
    if (anchor.ownerDocument === document) shadow.adoptedStyleSheets = [sheet];
    else {
      // A sheet built in this document cannot be adopted in a frame's document.
      const style = document.createElement('style');
      style.textContent = OVERLAY_CSS;
      shadow.append(style);
    }
    // Beside an inline element (a link, a field); inside a block one (a cell, a row, a panel), so a
    // table or list keeps its structure.
    if (view.getComputedStyle(anchor).display.startsWith('inline'))
      anchor.insertAdjacentElement('afterend', host);
    else anchor.append(host);
    const label = 'email' in key ? key.email : `customer ${key.id}`;
    render(<Badge storeKey={k} label={label} refresh={() => void load(key)} />, shadow);
    badges.set(anchor, { host, shadow, key: k });
    if (!getState(k).result) void load(key);
  }

  const ctx = (): PageInput => ({
    doc: document,
    url: new URL(location.href),
    getJson: async (path) => {
      try {
        const res = await pageFetch(new URL(path, location.origin), {
          credentials: 'same-origin',
          headers: { accept: 'application/json' },
        });
        return res.ok ? await res.json() : undefined;
      } catch {
        return undefined;
      }
    },
  });

  // A scan reads the help desk's API, so scans overlap: only the latest one's answer is used.
  let generation = 0;
  let lastHref = location.href;
  async function scan() {
    const mine = ++generation;
    if (location.href !== lastHref) {
      lastHref = location.href;
      clearJsonCache(); // another ticket: its answers, not the last one's
    }
    let found: Awaited<ReturnType<typeof findCustomers>>;
    try {
      found = await findCustomers(ctx(), config);
    } catch {
      return; // the page changed under us; the next change scans again
    }
    if (mine !== generation) return;
    const live = new Set<Element>();
    for (const f of found) {
      live.add(f.anchor);
      const had = badges.get(f.anchor);
      if (had && had.key === keyOf(f.key) && had.host.isConnected) continue;
      if (had) unmount(f.anchor, had);
      mount(f.anchor, f.key);
    }
    for (const [anchor, m] of badges) if (!live.has(anchor)) unmount(anchor, m);
    void watch();
  }

  function unmount(anchor: Element, m: Mounted) {
    render(null, m.shadow);
    m.host.remove();
    badges.delete(anchor);
  }

  browser.runtime.onMessage.addListener((msg: Push) => {
    if (msg.type !== 'customer-updated') return;
    for (const k of keysOfCustomer(msg.customerId)) setState(k, { result: msg.result });
  });

  // Single-page apps change the page without a reload, inside shadow roots too: follow them.
  watchPage(document, () => void scan(), SCAN_DEBOUNCE_MS);
  setInterval(() => void watch(true), WATCH_EVERY_MS);
  void scan();
}
