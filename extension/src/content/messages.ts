import { browser } from 'wxt/browser';
import type { Reply, Request } from '../protocol.js';

/** Sends one typed request to the background worker. */
export function send<R extends Request>(req: R): Promise<Reply<R>> {
  return browser.runtime.sendMessage(req) as Promise<Reply<R>>;
}
