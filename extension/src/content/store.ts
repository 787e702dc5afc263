import type { LookupResult } from '../protocol.js';

/** What a badge shows: nothing yet (loading), or the latest result (cached or fresh). */
export type CustomerState = { result?: LookupResult };

const states = new Map<string, CustomerState>();
const listeners = new Map<string, Set<() => void>>();

export function getState(key: string): CustomerState {
  return states.get(key) ?? {};
}

export function setState(key: string, next: CustomerState): void {
  states.set(key, next);
  for (const fn of listeners.get(key) ?? []) fn();
}

export function subscribe(key: string, fn: () => void): () => void {
  const set = listeners.get(key) ?? new Set();
  listeners.set(key, set);
  set.add(fn);
  return () => set.delete(fn);
}

/** Keys whose latest result is this customer (a page may name them by email or id). */
export function keysOfCustomer(customerId: string): string[] {
  return [...states]
    .filter(([, s]) => s.result?.ok && s.result.lookup.customer.id === customerId)
    .map(([k]) => k);
}

/** Customer ids of every key the page shows, for the live stream. */
export function knownCustomerIds(keys: Iterable<string>): string[] {
  const ids = new Set<string>();
  for (const k of keys) {
    const r = states.get(k)?.result;
    if (r?.ok) ids.add(r.lookup.customer.id);
  }
  return [...ids];
}
