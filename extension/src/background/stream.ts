import { parseStreamEvent, type StreamEvent } from '@moments/shared';
import { createParser } from 'eventsource-parser';
import type { Settings } from '../settings.js';

const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 30_000;

/**
 * One Server-Sent Events connection for every customer on open tabs, read with fetch (EventSource
 * cannot send the token). Reconnects with backoff and resumes from the last event id, so a worker
 * that was suspended misses nothing.
 */
export function createLiveStream(opts: {
  getSettings: () => Promise<Settings>;
  onEvent: (e: StreamEvent) => void;
  /** Where the last event id is kept across worker restarts. */
  loadLastId: () => Promise<string | undefined>;
  saveLastId: (id: string) => Promise<void>;
  /** The server refused the token (revoked): the tabs should say so, not keep old scores as fresh. */
  onRefused?: () => void;
}) {
  let customers: string[] = [];
  let abort: AbortController | undefined;
  let retry = RETRY_MIN_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function connect() {
    abort?.abort();
    clearTimeout(timer);
    if (!customers.length) return;
    const s = await opts.getSettings();
    if (!s.serverUrl || !s.token) return;
    const mine = new AbortController();
    abort = mine;
    const lastId = await opts.loadLastId();
    try {
      const url = `${s.serverUrl.replace(/\/$/, '')}/v1/stream?customers=${encodeURIComponent(customers.join(','))}`;
      const res = await fetch(url, {
        headers: { authorization: `Bearer ${s.token}`, ...(lastId ? { 'last-event-id': lastId } : {}) },
        signal: mine.signal,
      });
      // Revoked or wrong: no point retrying; the tabs are told at once.
      if (res.status === 401 || res.status === 403) {
        opts.onRefused?.();
        return;
      }
      if (!res.ok || !res.body) throw new Error(`stream ${res.status}`);
      retry = RETRY_MIN_MS;
      const parser = createParser({
        onEvent(ev) {
          if (ev.id) void opts.saveLastId(ev.id);
          // `ready`, heartbeats and bodies that do not match the shared schema change nothing.
          const e = ev.event ? parseStreamEvent(ev.event, ev.data) : undefined;
          if (e) opts.onEvent(e);
        },
      });
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        parser.feed(value);
      }
      throw new Error('stream ended');
    } catch {
      if (mine.signal.aborted || abort !== mine) return;
      timer = setTimeout(connect, retry);
      retry = Math.min(RETRY_MAX_MS, retry * 2);
    }
  }

  return {
    /** Follows exactly these customers (reconnects only when the set changed). */
    setCustomers(ids: string[]) {
      const next = [...new Set(ids)].sort();
      if (next.join(',') === customers.join(',') && abort && !abort.signal.aborted) return;
      customers = next;
      void connect();
    },
    /** Settings changed: start again with the new server or token. */
    restart() {
      retry = RETRY_MIN_MS;
      void connect();
    },
  };
}
