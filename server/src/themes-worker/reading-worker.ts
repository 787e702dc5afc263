// The worker thread that reads comments (30-50 ms each for a long one), so the server's event
// loop keeps answering while a themes report or a burst of new comments is read.
import { parentPort } from 'node:worker_threads';
import { readTextsNow } from '../reports/read-text.js';

parentPort?.on('message', (message: { id: number; texts: string[] }) => {
  try {
    parentPort!.postMessage({ id: message.id, readings: readTextsNow(message.texts) });
  } catch (err) {
    parentPort!.postMessage({ id: message.id, error: String(err) });
  }
});
