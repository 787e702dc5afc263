import type { StreamEvent } from '@moments/shared';
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { isEnabledPage } from '../page-enabled.js';
import { type CustomerKey, keyOf, type LookupResult, type Push, type Request } from '../protocol.js';
import { type Settings, settingsItem } from '../settings.js';
import { failure, fetchLookup, fetchMe, patchFollowUp } from './api.js';
import { clearCache, readCached, writeCached } from './cache.js';
import { applyStreamEvents } from './live-apply.js';
import { syncContentScripts } from './registration.js';
import { createLiveStream } from './stream.js';

/** Customers each tab shows: kept in session storage, so a restarted worker follows them again. */
const watchedItem = storage.defineItem<Record<string, string[]>>('session:watched', { fallback: {} });
const lastEventItem = storage.defineItem<string | null>('session:lastEventId', { fallback: null });
/** The company's domains as the server knows them (its sites' allowed origins), for the token in use. */
const tokenDomainsItem = storage.defineItem<string[]>('session:tokenDomains', { fallback: [] });

/** Asks the server who the token is; its company domains join the agent's own list. */
async function refreshTokenDomains(s: Settings) {
  const me = await fetchMe(s);
  await tokenDomainsItem.setValue(me?.companyDomains ?? []);
}

let settings: Promise<Settings> = settingsItem.getValue();

const stream = createLiveStream({
  getSettings: () => settings,
  loadLastId: async () => (await lastEventItem.getValue()) ?? undefined,
  saveLastId: (id) => lastEventItem.setValue(id),
  onEvent: (e) => queueEvent(e),
  onRefused: () => void tellRefused(),
});

/** Every customer shown on a tab reads "token revoked" at once (the stream was refused the token). */
async function tellRefused() {
  const result = failure('unauthorized');
  for (const [tab, ids] of Object.entries(await watchedItem.getValue()))
    for (const customerId of ids) {
      const push: Push = { type: 'customer-updated', customerId, result };
      await browser.tabs.sendMessage(Number(tab), push).catch(() => undefined);
    }
}

/** A burst (a response, its summary, its follow-up; a bulk import) is applied and pushed once. */
const COALESCE_MS = 60;
const queued = new Map<string, StreamEvent[]>();
let flushTimer: ReturnType<typeof setTimeout> | undefined;
const applying = new Map<string, Promise<void>>();

function queueEvent(e: StreamEvent) {
  const list = queued.get(e.customerId) ?? [];
  list.push(e);
  queued.set(e.customerId, list);
  if (flushTimer !== undefined) return;
  flushTimer = setTimeout(() => {
    flushTimer = undefined;
    const batch = [...queued];
    queued.clear();
    for (const [customerId, events] of batch) {
      // One customer's bursts apply in order: each reads what the last one cached.
      const prev = applying.get(customerId) ?? Promise.resolve();
      const done = prev.then(() => applyToCustomer(customerId, events)).catch(() => undefined);
      applying.set(customerId, done);
      void done.then(() => applying.get(customerId) === done && applying.delete(customerId));
    }
  }, COALESCE_MS);
}

async function followWatched() {
  const watched = await watchedItem.getValue();
  stream.setCustomers(Object.values(watched).flat());
}

/** A fresh lookup, cached under the keys it may be asked by. */
async function lookupFresh(key: CustomerKey): Promise<LookupResult> {
  const result = await fetchLookup(await settings, key);
  if (result.ok) {
    const keys = [keyOf(key), keyOf({ id: result.lookup.customer.id })];
    await writeCached(keys, result.lookup, result.fetchedAt);
    return result;
  }
  // Offline: the last known scores, marked stale, beat an error.
  if (result.reason === 'unreachable') {
    const cached = await readCached(keyOf(key));
    if (cached) return { ok: true, lookup: cached.lookup, fetchedAt: cached.fetchedAt, stale: true };
  }
  return result;
}

/**
 * A watched customer changed on the server: what the stream pushed is applied to their last
 * lookup (no new lookup), cached, and sent to the tabs that show them. Only a customer with no
 * lookup here yet (a cache cleared meanwhile) is looked up, once for the burst.
 */
async function applyToCustomer(customerId: string, events: StreamEvent[]) {
  const cached = await readCached(keyOf({ id: customerId }));
  let result: LookupResult;
  if (cached) {
    const lookup = applyStreamEvents(cached.lookup, events);
    const fetchedAt = Date.now();
    const keys = [
      keyOf({ id: customerId }),
      ...(lookup.customer.email ? [keyOf({ email: lookup.customer.email })] : []),
    ];
    await writeCached(keys, lookup, fetchedAt);
    result = { ok: true, lookup, fetchedAt, stale: false };
  } else result = await lookupFresh({ id: customerId });
  const watched = await watchedItem.getValue();
  const push: Push = { type: 'customer-updated', customerId, result };
  for (const [tab, ids] of Object.entries(watched)) {
    if (ids.includes(customerId)) await browser.tabs.sendMessage(Number(tab), push).catch(() => undefined);
  }
}

async function handle(req: Request, tabId: number | undefined, pageUrl?: string): Promise<unknown> {
  switch (req.type) {
    case 'lookup': {
      if (req.cached) {
        const hit = await readCached(keyOf(req.key));
        return hit ? { ok: true, lookup: hit.lookup, fetchedAt: hit.fetchedAt, stale: true } : null;
      }
      return lookupFresh(req.key);
    }
    case 'watch': {
      if (tabId === undefined) return { ok: true };
      const watched = await watchedItem.getValue();
      watched[String(tabId)] = req.customerIds;
      await watchedItem.setValue(watched);
      await followWatched();
      return { ok: true };
    }
    case 'update-followup':
      return patchFollowUp(await settings, req.id, req.status, req.note);
    case 'page-config': {
      // Settings stored before these fields existed lack them.
      const s = await settings;
      return {
        enabled: isEnabledPage(s, pageUrl),
        selectors: s.selectors ?? [],
        agentEmails: s.agentEmails ?? [],
        companyDomains: [...new Set([...(s.companyDomains ?? []), ...(await tokenDomainsItem.getValue())])],
      };
    }
    case 'open-options':
      await browser.runtime.openOptionsPage();
      return { ok: true };
  }
}

export function startBackground() {
  // The polyfill's contract, the same in both browsers: the reply is the promise's value.
  browser.runtime.onMessage.addListener((msg, sender) =>
    handle(msg as Request, sender.tab?.id, sender.url).catch((err) => ({
      ok: false,
      reason: 'error',
      message: String(err),
    })),
  );
  // A new user lands on the setup page: the server, the token, where to show scores.
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void browser.runtime.openOptionsPage().catch(() => undefined);
  });
  browser.tabs.onRemoved.addListener(async (tabId) => {
    const watched = await watchedItem.getValue();
    delete watched[String(tabId)];
    await watchedItem.setValue(watched);
    await followWatched();
  });
  settingsItem.watch(async (next, prev) => {
    settings = Promise.resolve(next);
    if (next.serverUrl !== prev?.serverUrl || next.token !== prev?.token) {
      await clearCache();
      await lastEventItem.setValue(null);
      stream.restart();
      await refreshTokenDomains(next);
    }
    await syncContentScripts(next);
  });
  browser.permissions.onAdded.addListener(async () => syncContentScripts(await settings));
  browser.permissions.onRemoved.addListener(async () => syncContentScripts(await settings));
  // A worker woken after suspension picks up where it was: scripts registered, customers followed.
  void settings.then(syncContentScripts).catch(() => undefined);
  void settings.then(refreshTokenDomains).catch(() => undefined);
  void followWatched();
}
