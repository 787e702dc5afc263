import type { Db } from './types.js';

/** How long the readiness check waits for the database. */
const READY_TIMEOUT_MS = 2000;

/** Whether the database answers a trivial query in time. */
export async function isDatabaseReady(db: Db): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS);
  });
  try {
    return await Promise.race([db.get('SELECT 1 AS ok').then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
