import { Worker } from 'node:worker_threads';
import { type Reading, readTextsNow, type TextReader } from '../reports/read-text.js';

type Pending = { resolve: (r: Reading[]) => void; reject: (e: Error) => void };

/**
 * Reads comments in one worker thread (the machine's other core), one request at a time in the
 * order asked. A worker that dies fails what it held and is started again on the next request.
 */
export function createWorkerTextReader(): { read: TextReader; close: () => Promise<void> } {
  let worker: Worker | undefined;
  let nextId = 0;
  const pending = new Map<number, Pending>();
  const failAll = (err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    worker = undefined;
  };
  const start = () => {
    const w = new Worker(new URL('./reading-worker-boot.mjs', import.meta.url));
    w.on('message', (m: { id: number; readings?: Reading[]; error?: string }) => {
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (m.readings) p?.resolve(m.readings);
      else p?.reject(new Error(m.error ?? 'the reading failed'));
      if (!pending.size) w.unref();
    });
    w.on('error', failAll);
    w.on('exit', () => failAll(new Error('the reading worker stopped')));
    return w;
  };
  const readInWorker = (texts: string[]) => {
    worker ??= start();
    worker.ref();
    const id = nextId++;
    const w = worker;
    return new Promise<Reading[]>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      w.postMessage({ id, texts });
    });
  };
  return {
    // A report is better slow than failed: if the worker cannot read, this thread does.
    read: (texts) =>
      texts.length
        ? readInWorker(texts).catch((err) => {
            console.error('reading comments in a worker failed; reading them here', err);
            return readTextsNow(texts);
          })
        : Promise.resolve([]),
    close: async () => {
      const w = worker;
      worker = undefined;
      await w?.terminate();
    },
  };
}
