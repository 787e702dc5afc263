// No answered question is lost, no tracked moment either: partial responses sent when the customer
// leaves and joined by the rest on a later visit, moments tracked while the server is down
// delivered once it is back, a comment sent with Enter.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { servePages, shopPage } from '../support/pages.js';
import { ADMIN_TOKEN, type Moments, startMoments } from '../support/server.js';
import { exportResponses, openWithWidget, survey, waitFor } from '../support/survey.js';

// The server's own SQLite driver, to read what the server stored (read-only, beside the running server).
const Database = createRequire(join(dirname(fileURLToPath(import.meta.url)), '../../server/package.json'))(
  'better-sqlite3',
) as new (
  file: string,
  opts: { readonly: boolean; fileMustExist: boolean },
) => { prepare(sql: string): { get(...params: unknown[]): unknown }; close(): void };

let moments: Moments;
let pages: Awaited<ReturnType<typeof servePages>>;
let browser: Browser;
let site: { id: string; publicKey: string };
let context: BrowserContext;
let page: Page;

const exportResponsesOfSite = () => exportResponses(moments.url, site.id, ADMIN_TOKEN);

function countRows(sql: string, params: unknown[] = []): number {
  const db = new Database(join(moments.dataDir, 'moments.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(sql).get(...params) as { n: number }).n;
  } finally {
    db.close();
  }
}

const npsAnswers = () => countRows("SELECT COUNT(*) AS n FROM answers WHERE qtype = 'nps'");
const callMoments = (p: Page, ...args: unknown[]) =>
  p.evaluate((a) => (window as unknown as { moments: (...x: unknown[]) => void }).moments(...a), args);

const open = (path = '/shop') => openWithWidget(page, `${pages.url}${path}`);

/** Waits until the widget has nothing left to deliver (its outbox flag down, no moment queued). */
const outboxEmpty = () =>
  waitFor(
    () =>
      page.evaluate(
        () =>
          localStorage.getItem('moments:pending') !== '1' &&
          JSON.parse(localStorage.getItem('moments:events') ?? '[]').length === 0,
      ),
    'the outbox to empty',
    15_000,
  );

beforeAll(async () => {
  moments = await startMoments();
  pages = await servePages(() => ({ html: shopPage({ server: moments.url, siteKey: site.publicKey }) }));
  site = await moments.admin.createSite({ name: 'Durable shop', allowedOrigins: [pages.url] });
  await moments.admin.createSurvey(site.id, {
    id: 'checkout',
    name: 'Checkout',
    moment: 'checkout_completed',
    questions: [
      { id: 'nps', type: 'nps', text: 'How likely are you to recommend us?', required: true },
      { id: 'improve', type: 'text', text: 'What should we improve?', required: false },
    ] as never,
  });
  await moments.admin.createSurvey(site.id, {
    id: 'effort',
    name: 'Effort',
    title: 'One quick question',
    moment: 'ticket_closed',
    questions: [{ id: 'ces', type: 'ces', text: 'How easy was it to get help?', required: true }] as never,
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await moments?.stop();
});
beforeEach(async () => {
  context = await browser.newContext();
  page = await context.newPage();
});
afterEach(() => context.close());

describe('the widget never loses an answer', () => {
  it('sends a survey closed after its first answer as partial, and joins the rest given on a later visit', async () => {
    const before = npsAnswers();
    await open();
    await callMoments(page, 'track', 'checkout_completed');
    await survey(page).getByRole('radio', { name: /^2\b/ }).click();
    await survey(page).getByRole('button', { name: 'Close' }).click();
    const partial = await waitFor(
      async () => (await exportResponsesOfSite()).find((r) => r.answers.some((a) => a.value === 2)),
      'the partial response',
    );
    expect(partial.complete).toBe(false);
    expect(partial.answers).toEqual([{ questionId: 'nps', value: 2 }]);

    // A reload resends nothing new: the NPS is on the server once.
    await page.reload();
    await outboxEmpty();
    expect(npsAnswers()).toBe(before + 1);

    // Another visit: the survey opens at the question still unanswered, under the same response.
    await open();
    await callMoments(page, 'show', 'checkout');
    await survey(page).getByRole('heading', { name: 'What should we improve?' }).waitFor();
    await survey(page).locator('textarea').fill('Faster delivery, please');
    await survey(page).getByRole('button', { name: 'Send' }).click();
    const whole = await waitFor(
      async () => (await exportResponsesOfSite()).find((r) => r.id === partial.id && r.complete === true),
      'the completed response',
    );
    expect(whole.answers).toEqual([
      { questionId: 'nps', value: 2 },
      { questionId: 'improve', value: 'Faster delivery, please' },
    ]);
    expect((await exportResponsesOfSite()).filter((r) => r.id === partial.id)).toHaveLength(1);
    expect(npsAnswers()).toBe(before + 1);
  }, 60_000);

  it('sends what is answered when the page is hidden', async () => {
    await open();
    await callMoments(page, 'track', 'checkout_completed');
    await survey(page).getByRole('radio', { name: /^6\b/ }).click();
    // The customer switches tabs and never comes back to this one.
    const other = await context.newPage();
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    const sent = await waitFor(
      async () => (await exportResponsesOfSite()).find((r) => r.answers.some((a) => a.value === 6)),
      'the answer given before the page was hidden',
    );
    expect(sent.complete).toBe(false);
    await other.close();
  });

  it('sends a comment with Enter and keeps a line break made with Shift+Enter', async () => {
    await open();
    await callMoments(page, 'show', 'checkout');
    await survey(page).getByRole('radio', { name: /^9\b/ }).click();
    await survey(page).getByRole('button', { name: 'Next' }).click();
    const box = survey(page).locator('textarea');
    await box.focus();
    await page.keyboard.type('Line one');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('line two');
    await page.keyboard.press('Enter');
    await survey(page).getByRole('heading', { name: 'Thank you for your feedback!' }).waitFor();
    const stored = await waitFor(
      async () =>
        (await exportResponsesOfSite()).find((r) => r.answers.some((a) => a.value === 'Line one\nline two')),
      'the comment',
    );
    expect(stored.complete).toBe(true);
  });

  it('delivers a moment tracked while the server is down, once, after it is back', async () => {
    const name = `moment_${Date.now()}`;
    const events = () => countRows('SELECT COUNT(*) AS n FROM events WHERE name = ?', [name]);
    await open();
    await moments.stop();
    try {
      await callMoments(page, 'track', name, { total: 42 });
      const queued = await page.evaluate(() => localStorage.getItem('moments:events'));
      expect(queued).toContain(name);
    } finally {
      moments = await startMoments({ port: moments.port, dataDir: moments.dataDir });
    }
    expect(events()).toBe(0);
    await page.reload();
    await waitFor(async () => events() > 0, 'the moment to arrive');
    await outboxEmpty();
    // Another page load and a second track of something else send nothing twice.
    await open();
    await callMoments(page, 'track', 'another_moment');
    await outboxEmpty();
    expect(events()).toBe(1);
  }, 90_000);

  it('reads CES as the widget asks it: "very easy" is easy, "very difficult" opens a follow-up', async () => {
    const answer = async (name: RegExp) => {
      await open();
      await callMoments(page, 'show', 'effort');
      // The title set in the survey editor is what the card shows above the question.
      await survey(page).getByText('One quick question').waitFor();
      await survey(page).getByRole('radio', { name }).click();
      await survey(page).getByRole('button', { name: 'Send' }).click();
      await survey(page).getByRole('heading', { name: 'Thank you for your feedback!' }).waitFor();
      await outboxEmpty();
    };
    const admin = async (path: string) =>
      (await fetch(`${moments.url}${path}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json();
    await answer(/Very easy/);
    const journey = await admin(`/v1/sites/${site.id}/reports/journey?moment=ticket_closed`);
    const step = journey.moments.find((m: { moment: string }) => m.moment === 'ticket_closed');
    expect(step.ces.mean).toBe(7);
    expect(step.bands.map((b: { band: string; n: number }) => [b.band, b.n])).toEqual([
      ['easy', 1],
      ['neutral', 0],
      ['hard', 0],
    ]);
    const cesFollowUps = async () =>
      ((await admin('/v1/followups')).followups as { reason: string }[])
        .map((f) => f.reason)
        .filter((r) => r.startsWith('CES'));
    expect(await cesFollowUps()).toEqual([]);
    await answer(/Very difficult/);
    expect(await cesFollowUps()).toEqual(['CES 1']);
  });
});
