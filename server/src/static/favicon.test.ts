import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { FAVICON_LINK, FAVICON_SVG } from './favicon.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

describe('the favicon', () => {
  it('answers at /favicon.ico and at the /favicon.svg the pages link to, as an SVG', async () => {
    const linked = /href="([^"]+)"/.exec(FAVICON_LINK)![1]!;
    for (const path of ['/favicon.ico', linked]) {
      const r = await t.request('GET', path);
      expect(r.status, path).toBe(200);
      expect(r.headers.get('content-type')).toBe('image/svg+xml');
      expect(r.text).toBe(FAVICON_SVG);
    }
    expect(FAVICON_SVG).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*>.*<\/svg>$/);
  });
});
