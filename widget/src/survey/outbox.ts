import { withStore } from './idb-queue.js';

const PENDING_KEY = 'moments:pending';
type Kind = 'responses' | 'displays';
type Body = { id: string; [field: string]: unknown };
type Item = { id: string; kind: Kind; api: string; body: Body };

// The items not yet confirmed, mirrored in memory so `pagehide` can beacon them synchronously.
const unsent = new Map<string, Item>();
let retryDelay = 1000;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let flushing: Promise<void> | undefined;

function setPendingFlag(on: boolean) {
  try {
    if (on) localStorage.setItem(PENDING_KEY, '1');
    else localStorage.removeItem(PENDING_KEY);
  } catch {
    /* storage unavailable */
  }
}

async function deliver(items: Item[]): Promise<'done' | 'retry'> {
  for (const api of new Set(items.map((i) => i.api))) {
    for (const kind of ['responses', 'displays'] as Kind[]) {
      const batch = items.filter((i) => i.api === api && i.kind === kind).slice(0, 100);
      if (!batch.length) continue;
      let res: Response;
      try {
        res = await fetch(`${api}/${kind}`, {
          method: 'POST',
          body: JSON.stringify({ [kind]: batch.map((i) => i.body) }),
          keepalive: true,
        });
      } catch {
        return 'retry';
      }
      // 202: stored or already there (a retry is a duplicate, counted once). Another 4xx will never
      // succeed, so it is dropped rather than retried forever; 429 and 5xx are retried.
      if (res.status === 429 || res.status >= 500) return 'retry';
      for (const i of batch) {
        await withStore('readwrite', (st) => st.delete(i.id));
        unsent.delete(i.id);
      }
    }
  }
  return 'done';
}

/** Sends everything queued (this page's and earlier pages'), retrying with backoff. */
export function flushOutbox(): Promise<void> {
  flushing ??= (async () => {
    try {
      const items = (await withStore('readonly', (st) => st.getAll())) as Item[];
      for (const i of items) unsent.set(i.id, i);
      const outcome = items.length ? await deliver(items) : 'done';
      const left = await withStore('readonly', (st) => st.count());
      setPendingFlag(left > 0);
      if (outcome === 'retry' || left > 0) {
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

/** Queues an item in IndexedDB before any network call, then tries to send it. */
export async function enqueue(api: string, kind: Kind, body: Body): Promise<void> {
  const item: Item = { id: `${kind}:${body.id}`, kind, api, body };
  unsent.set(item.id, item);
  setPendingFlag(true);
  try {
    await withStore('readwrite', (st) => st.put(item));
  } catch {
    /* no IndexedDB: keep it in memory */
  }
  await flushOutbox();
}

/** On pagehide: beacon what is unconfirmed; it stays queued, and a resend is only a duplicate. */
export function beaconOutbox(): void {
  const groups = new Map<string, Item[]>();
  for (const i of unsent.values())
    groups.set(`${i.api}/${i.kind}`, [...(groups.get(`${i.api}/${i.kind}`) ?? []), i]);
  for (const [url, items] of groups) {
    const kind = items[0]!.kind;
    const body = new Blob([JSON.stringify({ [kind]: items.slice(0, 100).map((i) => i.body) })], {
      type: 'text/plain',
    });
    try {
      navigator.sendBeacon(url, body);
    } catch {
      /* nothing more can be done while the page goes away */
    }
  }
}
