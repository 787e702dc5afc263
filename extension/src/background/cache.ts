import type { Lookup } from '@moments/shared';
import { type IDBPDatabase, openDB } from 'idb';

type Entry = { key: string; lookup: Lookup; fetchedAt: number };

let db: Promise<IDBPDatabase> | undefined;
function open() {
  db ??= openDB('moments', 1, {
    upgrade(d) {
      d.createObjectStore('lookups', { keyPath: 'key' });
    },
  });
  return db;
}

/** The last lookup seen for a key (email:… or id:…), to show at once and offline. */
export async function readCached(key: string): Promise<Entry | undefined> {
  return (await open()).get('lookups', key);
}

/** Keeps a lookup under every key it may be asked by: the email the page shows and the customer id. */
export async function writeCached(keys: string[], lookup: Lookup, fetchedAt: number): Promise<void> {
  const tx = (await open()).transaction('lookups', 'readwrite');
  await Promise.all([...keys.map((key) => tx.store.put({ key, lookup, fetchedAt })), tx.done]);
}

/** Forgets everything (the server or token changed: the cache belongs to the old one). */
export async function clearCache(): Promise<void> {
  await (await open()).clear('lookups');
}
