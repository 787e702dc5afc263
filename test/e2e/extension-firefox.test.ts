import { randomUUID } from 'node:crypto';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Customer, zendeskTicket } from '../support/crm-pages/index.js';
import { launchFirefoxWithExtension } from '../support/firefox.js';
import { servePages } from '../support/pages.js';
import { type Moments, startMoments } from '../support/server.js';
import { makeSelfSignedCert } from '../support/tls.js';

// The Firefox build, as built, in Debian's Firefox ESR over WebDriver BiDi: the options flow with
// no host granted up front, a badge on a fixture help desk, and a live update.
const ann: Customer = { id: 'ann', name: 'Ann Archer', email: 'ann@acme.test' };
const TICKETS = [{ id: 1, subject: 'Where is my order?', requester: ann }];
let moments: Moments;
let site: { id: string; publicKey: string };
let pages: Awaited<ReturnType<typeof servePages>>;
let ff: Awaited<ReturnType<typeof launchFirefoxWithExtension>>;

const answer = (nps: number) =>
  moments.admin.sendResponses(site.publicKey, [
    {
      id: `r-${randomUUID()}`,
      surveyId: 'nps',
      answers: [{ questionId: 'nps', value: nps }],
      customer: { id: ann.id, email: ann.email },
      anonymousId: 'anon-ann',
      moment: 'checkout_completed',
      createdAt: new Date().toISOString(),
    },
  ]);

/** Polls a value in the page until it passes (BiDi has no auto-waiting locators for our shadow DOM). */
async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read().catch(() => undefined as T);
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  moments = await startMoments();
  site = await moments.admin.createSite({ name: 'Acme' });
  await moments.admin.createSurvey(site.id, {
    id: 'nps',
    name: 'NPS',
    moment: 'checkout_completed',
    questions: [{ id: 'nps', type: 'nps', text: 'Recommend us?', required: true }],
  });
  await moments.admin.upsertCustomers(site.id, [{ id: ann.id, email: ann.email, name: ann.name }]);
  await answer(9);
  const fixture = zendeskTicket(TICKETS, 1);
  pages = await servePages((path, url) => {
    if (path.startsWith('/agent/tickets/')) return { html: fixture.html };
    const body = fixture.api[path + url.search];
    return body ? { html: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : undefined;
  }, makeSelfSignedCert());
  ff = await launchFirefoxWithExtension();
});

afterAll(async () => {
  await ff?.close();
  await pages?.close();
  await moments?.stop();
});

describe('the Firefox build in Firefox ESR', () => {
  it('is set up from its options page without pre-granted hosts, badges a Zendesk ticket and updates live', async () => {
    const { token } = await moments.admin.createAgentToken('firefox agent', [site.id]);
    const options = await ff.browser.newPage();
    // BiDi reports no load event for an extension page, but the page is there to drive.
    await options.goto(ff.optionsUrl, { timeout: 3000 }).catch(() => undefined);
    await until(() => options.evaluate(() => !!document.getElementById('server')), Boolean);
    await options.type('#server', moments.url);
    await options.type('#token', token);
    await options.click('button[type="submit"]');
    const status = () => options.evaluate(() => document.querySelector('[role="status"]')?.textContent ?? '');
    expect(await until(status, (s) => s.includes('Connected'))).toContain('Connected');
    // The Zendesk switch: Firefox grants the host only inside the click (no await before the request).
    const zendeskBox = 'label.check:first-of-type input[type="checkbox"]';
    await options.click(zendeskBox);
    expect(
      await until(
        () => options.evaluate((s) => (document.querySelector(s) as HTMLInputElement).checked, zendeskBox),
        Boolean,
      ),
    ).toBe(true);
    const port = new URL(pages.url).port;
    const ticket: Page = await ff.browser.newPage();
    const badge = () =>
      ticket.evaluate(
        () => document.querySelector('moments-badge')?.shadowRoot?.querySelector('.badge')?.textContent ?? '',
      );
    // The worker registers the script for the newly granted host: the next load of the page has it.
    const first = await until(
      async () => {
        await ticket.goto(`https://acme.zendesk.com:${port}/agent/tickets/1`);
        return until(badge, (t) => /^NPS/.test(t), 3000);
      },
      (t) => t === 'NPS 9',
      20_000,
    );
    expect(first).toBe('NPS 9');
    await new Promise((r) => setTimeout(r, 500)); // the page's watch list reaches the worker's stream
    await answer(3);
    expect(await until(badge, (t) => t === 'NPS 3', 10_000)).toBe('NPS 3');
  });
});
