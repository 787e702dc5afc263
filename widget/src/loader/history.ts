import type { ContactHistory } from '@moments/shared/policy';
import { readJson, writeJson } from './storage.js';

const KEY = 'moments:history';
const MONTH_MS = 30 * 86_400_000;

type Stored = { s: Record<string, number>; a: Record<string, number>; o?: 1; t: number[] };

/** This browser's contact history, for the contact policy of anonymous visitors. */
export function loadHistory(now = Date.now()): ContactHistory {
  const h = readJson<Stored>(KEY, { s: {}, a: {}, t: [] });
  const times = [...Object.values(h.s), ...Object.values(h.a)];
  return {
    lastContactAt: times.length ? Math.max(...times) : undefined,
    shownLast30Days: h.t.filter((t) => now - t < MONTH_MS).length,
    optedOut: !!h.o,
    lastShownAt: h.s,
    lastAnsweredAt: h.a,
  };
}

/** Records a display, an answer or an opt-out. */
export function recordContact(
  kind: 'shown' | 'answered' | 'opted_out',
  surveyId: string,
  now = Date.now(),
): void {
  const h = readJson<Stored>(KEY, { s: {}, a: {}, t: [] });
  if (kind === 'shown') {
    h.s[surveyId] = now;
    h.t = [...h.t.filter((t) => now - t < MONTH_MS), now];
  } else if (kind === 'answered') h.a[surveyId] = now;
  else h.o = 1;
  writeJson(KEY, h);
}
