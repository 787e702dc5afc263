// The durable outbox for everything the widget sends: responses (partial and complete), displays
// and tracked moments. Each item is in IndexedDB under its client id before any network call, sent
// in batches of up to 100 with backoff, beaconed on pagehide, and only deleted once the server
// answered for that very version of it. A resend is a duplicate on the server, counted once.
import { readJson, writeJson } from '../loader/storage.js';
import { withStore } from './idb-queue.js';

const PENDING_KEY = 'moments:pending';
/** Where the loader keeps tracked moments, synchronously, until this outbox takes them over. */
export const EVENTS_KEY = 'moments:events';
type Kind = 'responses' | 'displays' | 'events';
type Body = { id: string; [field: string]: unknown };
type Item = { id: string; kind: Kind; api: string; body: Body; v: number };

// The items not yet confirmed, mirrored in memory so `pagehide` can beacon them synchronously.
const unsent = new Map<string, Item>();
// Responses being answered on this page: saved as they go, sent when released (closed, finished,
// page hidden). Held ones found in IndexedDB from an earlier page are sent at once.
const held = new Set<string>();
let version = 0;
let retryDelay = 1000;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let flushing: Promise<void> | undefined;
let bound = false;

function bind() {
  if (bound) return;
  bound = true;
  addEventListener('pagehide', beaconOutbox);
  // A page put in the background may never come back: what is answered so far goes now.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden' && held.size) {
      held.clear();
      void flushOutbox();
    }
  });
}

/** The flag the loader reads on the next page load: something waits to be delivered. */
const setPendingFlag = (on: boolean) => writeJson(PENDING_KEY, on ? 1 : 0);

/** Deletes an item once the server answered for it, unless a newer version was saved meanwhile. */
function settle(item: Item) {
  if (unsent.get(item.id)?.v === item.v) unsent.delete(item.id);
  return withStore('readwrite', (st) => {
    const req = st.get(item.id);
    req.onsuccess = () => {
      if ((req.result as Item | undefined)?.v === item.v) st.delete(item.id);
    };
    return req;
  });
}

async function deliver(items: Item[]): Promise<'done' | 'retry'> {
  for (const api of new Set(items.map((i) => i.api))) {
    for (const kind of ['events', 'displays', 'responses'] as Kind[]) {
      const batch = items.filter((i) => i.api === api && i.kind === kind).slice(0, 100);
      if (!batch.length) continue;
      let res: Response;
      try {
        // A string body goes as text/plain: a simple request, no CORS preflight.
        res = await fetch(`${api}/${kind}`, {
          method: 'POST',
          body: JSON.stringify({ [kind]: batch.map((i) => i.body) }),
          keepalive: true,
        });
      } catch {
        return 'retry';
      }
      // 202: stored or already there. 429 and 5xx (503: the database is down) are retried, no
      // sooner than the server's Retry-After; any other 4xx would fail forever, so it is dropped.
      if (res.status === 429 || res.status >= 500) {
        retryDelay = Math.max(retryDelay, Number(res.headers.get('Retry-After')) * 1000 || 0);
        return 'retry';
      }
      for (const i of batch) await settle(i);
    }
  }
  return 'done';
}

/** Takes over the moments the loader queued in localStorage. */
async function adoptEvents() {
  const queued = readJson<[string, Body][]>(EVENTS_KEY, []);
  if (!queued.length) return;
  for (const [api, body] of queued)
    await save({ id: `events:${body.id}`, kind: 'events', api, body, v: ++version });
  const taken = new Set(queued.map(([, b]) => b.id));
  writeJson(
    EVENTS_KEY,
    readJson<[string, Body][]>(EVENTS_KEY, []).filter(([, b]) => !taken.has(b.id)),
  );
}

async function save(item: Item) {
  unsent.set(item.id, item);
  setPendingFlag(true);
  await withStore('readwrite', (st) => st.put(item));
}

/** Sends everything queued (this page's and earlier pages'), retrying with backoff. */
export function flushOutbox(): Promise<void> {
  bind();
  flushing ??= (async () => {
    try {
      await adoptEvents();
      const items = ((await withStore('readonly', (st) => st.getAll())) as Item[]).filter(
        (i) => !held.has(i.id),
      );
      for (const i of items) if (!unsent.has(i.id)) unsent.set(i.id, i);
      const outcome = items.length ? await deliver(items) : 'done';
      const left = await withStore('readonly', (st) => st.count());
      setPendingFlag(left > 0);
      if (outcome === 'retry' || left > held.size) {
        clearTimeout(retryTimer);
        retryTimer = setTimeout(() => void flushOutbox(), retryDelay);
        retryDelay = Math.min(retryDelay * 2, 60_000);
      } else retryDelay = 1000;
    } catch {
      /* IndexedDB unavailable: items stay in memory and go out with the beacon */
    } finally {
      flushing = undefined;
    }
  })();
  return flushing;
}

/**
 * Saves an item in IndexedDB before any network call, then sends it, unless `hold` (a response
 * still being answered): then it waits for the next call without `hold`, or the page's end.
 */
export async function enqueue(api: string, kind: Kind, body: Body, hold = false): Promise<void> {
  bind();
  const id = `${kind}:${body.id}`;
  if (hold) held.add(id);
  else held.delete(id);
  try {
    await save({ id, kind, api, body, v: ++version });
  } catch {
    /* no IndexedDB: keep it in memory */
  }
  if (!hold) await flushOutbox();
}

/** On pagehide: beacon what is unconfirmed, held answers too; it stays queued, and a resend is only a duplicate. */
export function beaconOutbox(): void {
  const groups: Record<string, Item[]> = {};
  for (const i of unsent.values()) {
    groups[`${i.api}/${i.kind}`] ??= [];
    groups[`${i.api}/${i.kind}`]!.push(i);
  }
  for (const [url, items] of Object.entries(groups)) {
    try {
      // A string is sent as text/plain, as fetch sends it: no preflight.
      navigator.sendBeacon(url, JSON.stringify({ [items[0]!.kind]: items.slice(0, 100).map((i) => i.body) }));
    } catch {
      /* nothing more can be done while the page goes away */
    }
  }
}
