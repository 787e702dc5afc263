import type { Fixture } from '../../../test/support/crm-pages/index.js';
import { clearJsonCache } from './api-cache.js';
import type { PageInput } from './types.js';

type HappyWindow = Window & { happyDOM?: { setURL: (url: string) => void } };

/**
 * Loads a fixture help desk page into the test's DOM as a browser would: at its URL, its markup,
 * then its own script (shadow roots, late paint, navigation). The API answers what the fixture's
 * server would, and records what was asked.
 */
export function loadFixture(f: Fixture, origin: string) {
  clearJsonCache();
  (window as HappyWindow).happyDOM?.setURL(origin + f.path);
  document.head.innerHTML = f.head;
  document.body.innerHTML = f.body;
  new Function(f.script)();
  const asked: string[] = [];
  const ctx = (): PageInput => ({
    doc: document,
    url: new URL(location.href),
    getJson: async (path) => {
      asked.push(path);
      return f.api[path];
    },
  });
  return { ctx, asked };
}

/** Waits for a fixture's late paint (its skeleton, then the record). */
export const afterPaint = (ms = 320) => new Promise((r) => setTimeout(r, ms));

/** What a test compares: each badge's customer and the text beside it. */
export const describeFound = (found: { key: { email: string } | { id: string }; anchor: Element }[]) =>
  found.map((f) => ({
    key: 'email' in f.key ? f.key.email : `id:${f.key.id}`,
    at: f.anchor.textContent?.trim() || f.anchor.localName,
  }));
