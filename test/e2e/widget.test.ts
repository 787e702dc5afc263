import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { type Page as FixturePage, servePages, shopPage } from '../support/pages.js';
import { ADMIN_TOKEN, type Moments, startMoments } from '../support/server.js';
import {
  exportResponses,
  focusedInSurvey,
  openWithWidget,
  survey,
  tabIntoSurvey,
  waitFor,
} from '../support/survey.js';

/** Screenshots for a person to look at (kept by CI as artifacts). */
const shots = join(dirname(fileURLToPath(import.meta.url)), '../artifacts/widget');
mkdirSync(shots, { recursive: true });

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let moments: Moments;
let pages: Awaited<ReturnType<typeof servePages>>;
let browser: Browser;
let site: { id: string; publicKey: string };
let context: BrowserContext;
let page: Page;
let consoleLines: string[];

const BUTTONS = `<button id="checkout" type="button">Complete checkout</button> <button id="cancel" type="button">Cancel plan</button>
<a id="to-checkout" href="/spa/checkout">Go to checkout</a> <a id="to-home" href="/spa/home">Home</a>`;
const CLICKS = `document.getElementById('checkout').addEventListener('click', function () { moments('track', 'checkout_completed', { total: 42 }); });
document.getElementById('cancel').addEventListener('click', function () { moments('track', 'cancel_started'); });
document.querySelectorAll('a[href^="/spa/"]').forEach(function (a) { a.addEventListener('click', function (e) { e.preventDefault(); history.pushState({}, '', a.getAttribute('href')); }); });`;

function render(path: string, url?: URL): FixturePage | undefined {
  const server = moments.url;
  const base = { server, siteKey: site.publicKey };
  if (path === '/csp') {
    return {
      html: shopPage({ ...base, nonce: 'n0nce', body: `${BUTTONS}<script nonce="n0nce">${CLICKS}</script>` }),
      headers: {
        'Content-Security-Policy': `default-src 'none'; script-src 'nonce-n0nce' ${server}; connect-src ${server}; style-src 'self'; img-src 'none'`,
      },
    };
  }
  const hostile =
    '<style>* { font-size: 40px !important; color: red !important; } moments-survey, div, button { display: none !important; opacity: 0 !important; position: static !important; } h1 { font-size: 21px !important; }</style>';
  const head = path === '/hostile' ? hostile : '';
  const rtl = path === '/rtl' ? { lang: 'ar', dir: 'rtl' } : {};
  // The page's last control at its end, on the right, where the card sits; a field and a dialog of the page's own.
  const end =
    path === '/end'
      ? `<p><input id="field" aria-label="Search"></p><dialog id="dlg"><button id="in-dlg" type="button">OK</button></dialog><div style="height:1000px"></div><p style="text-align:right"><button id="last" type="button">Cancel my subscription</button></p>`
      : '';
  // A customer the site names (unsigned: this site does not require a signature), so the server
  // decides their surveys across devices.
  const customer =
    path === '/customer'
      ? `<script>moments('identify', { id: ${JSON.stringify(url?.searchParams.get('id'))} });</script>`
      : '';
  return {
    html: shopPage({ ...base, ...rtl, head, body: `${customer}${BUTTONS}${end}<script>${CLICKS}</script>` }),
  };
}

/** axe-core's violations inside the survey. */
async function auditSurvey(p: Page): Promise<string[]> {
  await p.addScriptTag({ content: axeSource });
  return p.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (c: unknown) => Promise<{ violations: { id: string; help: string }[] }> };
      }
    ).axe;
    const r = await axe.run({ include: [['moments-survey']] });
    return r.violations.map((v) => `${v.id}: ${v.help}`);
  });
}

const thanks = (p: Page) => survey(p).getByRole('heading', { name: 'Thank you for your feedback!' });

const exportResponsesOfSite = () => exportResponses(moments.url, site.id, ADMIN_TOKEN);

const open = (path: string) => openWithWidget(page, `${pages.url}${path}`);

beforeAll(async () => {
  moments = await startMoments();
  pages = await servePages((p, url) => render(p, url));
  const created = await moments.admin.createSite({ name: 'E2E shop', allowedOrigins: [pages.url] });
  site = created;
  const nps = { id: 'nps', type: 'nps', text: 'How likely are you to recommend us?', required: true };
  const improve = {
    id: 'improve',
    type: 'text',
    text: 'What should we improve?',
    required: false,
    showIf: { questionId: 'nps', op: 'lte', value: 6 },
  };
  await moments.admin.createSurvey(site.id, {
    id: 'checkout',
    name: 'Checkout',
    moment: 'checkout_completed',
    questions: [nps, improve] as never,
    priority: 5,
  });
  await moments.admin.createSurvey(site.id, {
    id: 'cancel',
    name: 'Cancel',
    moment: 'cancel_started',
    questions: [{ id: 'csat', type: 'csat', text: 'How satisfied are you?', required: true }] as never,
  });
  await moments.admin.createSurvey(site.id, {
    id: 'spa',
    name: 'SPA checkout page',
    moment: 'checkout_viewed',
    trigger: { type: 'pageview', url: { match: 'contains', value: '/spa/checkout' } },
    questions: [{ id: 'ces', type: 'ces', text: 'How easy was this page to use?', required: true }] as never,
  });
  await moments.admin.createSurvey(site.id, {
    id: 'rated',
    name: 'A rating',
    moment: 'page_rated',
    trigger: { type: 'pageview', url: { match: 'contains', value: '/rated' } },
    questions: [
      { id: 'speed', type: 'rating', scale: 5, text: 'How quick was it?', required: true },
    ] as never,
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await moments?.stop();
});

beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  page = await context.newPage();
  consoleLines = [];
  page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => consoleLines.push(`pageerror: ${e.message}`));
});
afterEach(async () => {
  await context.close();
});

describe('the widget on a customer site', () => {
  it('shows at the tracked moment, is answered by keyboard alone, and reaches the real server', async () => {
    await open('/plain');
    await page.focus('#checkout');
    await page.keyboard.press('Enter');
    await survey(page).locator('[role=radiogroup]').waitFor();
    // The follow-up question shown to detractors counts until the score rules it out: the total
    // falls ("1 of 2", then "1 of 1" for a 9), never rises (it read "1 of 1", then "2 of 2").
    const progress = survey(page).locator('.nav .progress');
    expect(await progress.textContent()).toBe('1 of 2');
    // Focus is not stolen from a customer who did not interact with the survey.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('checkout');
    // One Tab reaches the unset scale (the question comes before the close button), on its first value.
    const radio = await tabIntoSurvey(page);
    expect(radio).toMatchObject({ role: 'radio', text: '0', checked: 'false' });
    // The first arrow moves to the focused value's neighbour and selects it: never a silent jump.
    await page.keyboard.press('ArrowRight');
    expect(await focusedInSurvey(page)).toMatchObject({ role: 'radio', text: '1', checked: 'true' });
    for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowRight');
    expect(await focusedInSurvey(page)).toMatchObject({ role: 'radio', text: '8', checked: 'true' });
    await page.keyboard.press('ArrowRight');
    expect(await progress.textContent()).toBe('1 of 1');
    // Tab from the answer reaches Next, not "Don't ask me again" (drawn before it): a Tab and an
    // Enter go on, never opt the visitor out for good.
    await page.keyboard.press('Tab');
    expect(await focusedInSurvey(page)).toMatchObject({ tag: 'button', text: 'Send' });
    await page.keyboard.press('Tab');
    expect(await focusedInSurvey(page)).toMatchObject({ tag: 'button', text: "Don't ask me again" });
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await thanks(page).waitFor();
    const stored = await waitFor(
      async () => (await exportResponsesOfSite()).find((r) => r.surveyId === 'checkout'),
      'the response',
    );
    expect(stored.answers).toEqual([{ questionId: 'nps', value: 9 }]);
    expect(stored.context?.url).toContain('/plain');
    const summary = await moments.admin.getSummary(site.id);
    expect(summary.responseRate.displays).toBeGreaterThanOrEqual(1);
    expect(consoleLines.filter((l) => l.startsWith('error') || l.startsWith('pageerror'))).toEqual([]);
  });

  it('gives focus back to where it was when the survey, focused, closes', async () => {
    await open('/plain');
    await page.focus('#checkout');
    await page.keyboard.press('Enter');
    await survey(page).locator('[role=radiogroup]').waitFor();
    await tabIntoSurvey(page);
    await page.keyboard.press('Escape');
    await page.locator('moments-survey').waitFor({ state: 'detached' });
    // Not the top of the page: the next Tab goes on from where the customer was.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('checkout');
  });

  it('closes on Escape pressed on the page, a dismissal as the close button records it; never takes Escape from a page field or dialog', async () => {
    // One new visitor per way of closing: the displays it sends and the history the contact policy reads.
    const closeWith = async (close: (p: Page) => Promise<void>) => {
      const ctx = await browser.newContext();
      try {
        const p = await ctx.newPage();
        const kinds: string[] = [];
        p.on('request', (r) => {
          if (r.url().endsWith('/displays'))
            kinds.push(...(JSON.parse(r.postData()!).displays as { kind: string }[]).map((d) => d.kind));
        });
        await openWithWidget(p, `${pages.url}/end`);
        await p.click('#checkout');
        await survey(p).locator('[role=radiogroup]').waitFor();
        await close(p);
        await survey(p).waitFor({ state: 'detached', timeout: 2000 });
        await waitFor(async () => kinds.includes('dismissed'), 'the dismissal to be sent');
        // Another moment right after: the contact policy holds it back either way.
        await p.click('#cancel');
        await p.waitForTimeout(300);
        const held = (await survey(p).count()) === 0;
        const h = await p.evaluate(() => JSON.parse(localStorage.getItem('moments:history') ?? '{}'));
        return {
          kinds: kinds.sort(),
          held,
          history: { shown: Object.keys(h.s), answered: Object.keys(h.a), optedOut: !!h.o },
        };
      } finally {
        await ctx.close();
      }
    };
    const byButton = await closeWith((p) => survey(p).getByRole('button', { name: 'Close' }).click());
    expect(byButton).toEqual({
      kinds: ['dismissed', 'shown'],
      held: true,
      history: { shown: ['checkout'], answered: [], optedOut: false },
    });
    // Focus on the page (nothing focused, or the button that opened it): Escape dismisses it the same way.
    expect(
      await closeWith(async (p) => {
        await p.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        await p.keyboard.press('Escape');
      }),
    ).toEqual(byButton);
    expect(
      await closeWith(async (p) => {
        await p.focus('#checkout');
        await p.keyboard.press('Escape');
      }),
    ).toEqual(byButton);

    // Escape in the page's own field, or its own dialog, is the page's: the survey stays.
    await open('/end');
    await page.click('#checkout');
    await survey(page).locator('[role=radiogroup]').waitFor();
    await page.focus('#field');
    await page.keyboard.type('shoes');
    await page.keyboard.press('Escape');
    await page.evaluate(() => (document.getElementById('dlg') as HTMLDialogElement).showModal());
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => (document.getElementById('dlg') as HTMLDialogElement).open)).toBe(false);
    expect(await survey(page).count()).toBe(1);
    // A key the page has handled (preventDefault) is the page's too.
    await page.evaluate(() =>
      document.addEventListener('keydown', (e) => e.key === 'Escape' && e.preventDefault(), { once: true }),
    );
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Escape');
    expect(await survey(page).count()).toBe(1);
  });

  it('never hides the last controls of the page: the page scrolls past the card, and a control Tabbed to is not under it', async () => {
    for (const [width, height] of [
      [390, 844],
      [1280, 800],
    ] as const) {
      const ctx = await browser.newContext({ viewport: { width, height } });
      try {
        const p = await ctx.newPage();
        await openWithWidget(p, `${pages.url}/end`);
        await p.click('#checkout');
        await survey(p).locator('[role=radiogroup]').waitFor();
        const card = (await survey(p).locator('.card').boundingBox())!;
        expect(card.y + card.height, `card on screen at ${width}px`).toBeLessThanOrEqual(height);
        // What a pointer reaches at the middle of the page's last control: the control, not the card.
        const hit = () =>
          p.evaluate(() => {
            const r = document.getElementById('last')!.getBoundingClientRect();
            return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)?.id;
          });
        await p.evaluate(() => scrollTo(0, document.scrollingElement!.scrollHeight));
        await p.screenshot({ path: join(shots, `end-of-page-${width}.png`) });
        expect(await hit(), `the last control at the end of the page, ${width}px`).toBe('last');
        // By keyboard from the top: the focused control is scrolled above the card (WCAG 2.4.11).
        await p.evaluate(() => scrollTo(0, 0));
        await p.focus('#to-home');
        await p.keyboard.press('Tab');
        await p.keyboard.press('Tab');
        expect(await p.evaluate(() => document.activeElement?.id)).toBe('last');
        expect(await hit(), `the last control focused by Tab, ${width}px`).toBe('last');
        // Tabbed to where it already is on screen but under the card: scrolled above it all the same.
        await p.evaluate(() => {
          const last = document.getElementById('last')!;
          scrollBy(0, last.getBoundingClientRect().bottom - innerHeight + 40);
          document.getElementById('field')!.focus({ preventScroll: true });
        });
        expect(await hit(), `the last control under the card before Tab, ${width}px`).not.toBe('last');
        await p.keyboard.press('Tab');
        expect(await p.evaluate(() => document.activeElement?.id)).toBe('last');
        expect(await hit(), `the last control focused by Tab from under the card, ${width}px`).toBe('last');
        expect(await survey(p).count()).toBe(1);
      } finally {
        await ctx.close();
      }
    }
  });

  it('labels both ends of every scale in its accessible name and on screen: which end is good is never a guess', async () => {
    const labels = async (p: Page) => {
      const group = survey(p).locator('[role=radiogroup]');
      await group.waitFor();
      return {
        names: await group
          .getByRole('radio')
          .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label'))),
        ends: (await survey(p).locator('.ends span').allTextContents()).map((t) => t.trim()),
      };
    };
    // A driver rating (1–5): its ends are words, not only numbers.
    await open('/rated');
    expect(await labels(page)).toEqual({
      names: ['1 (Poor)', '2', '3', '4', '5 (Excellent)'],
      ends: ['Poor', 'Excellent'],
    });
    // NPS, CSAT and CES (CES 2.0: 1 very difficult … 7 very easy, higher is easier, as shared/ defines it).
    for (const [button, low, high, max] of [
      ['#checkout', 'Not at all likely', 'Extremely likely', 10],
      ['#cancel', 'Very dissatisfied', 'Very satisfied', 5],
      ['#to-checkout', 'Very difficult', 'Very easy', 7],
    ] as const) {
      const fresh = await browser.newContext();
      try {
        const p = await fresh.newPage();
        await openWithWidget(p, `${pages.url}/spa/home`);
        await p.click(button);
        const { names, ends } = await labels(p);
        expect([names[0], names.at(-1)]).toEqual([`${max === 10 ? 0 : 1} (${low})`, `${max} (${high})`]);
        expect(ends).toEqual([low, high]);
      } finally {
        await fresh.close();
      }
    }
  });

  it('keeps an answer given while the server is down and delivers it exactly once later', async () => {
    await open('/plain');
    await page.click('#checkout');
    await survey(page).locator('[role=radiogroup]').waitFor();
    await moments.stop();
    const comment = `Delivery was slow ${Date.now()}`;
    try {
      await survey(page).getByRole('radio', { name: /^3$/ }).click();
      await survey(page).getByRole('button', { name: 'Next' }).click();
      await survey(page).locator('textarea').fill(comment);
      await survey(page).getByRole('button', { name: 'Send' }).click();
      await thanks(page).waitFor();
      const queued = await page.evaluate(() => localStorage.getItem('moments:pending'));
      expect(queued).toBe('1');
    } finally {
      moments = await startMoments({ port: moments.port, dataDir: moments.dataDir });
    }
    await page.reload();
    const match = (rs: Awaited<ReturnType<typeof exportResponses>>) =>
      rs.filter((r) => r.answers.some((a) => a.value === comment));
    await waitFor(async () => match(await exportResponsesOfSite()).length > 0, 'the queued response');
    // Another load would resend anything still queued: wait until the outbox says it is empty.
    await page.reload();
    await waitFor(
      () => page.evaluate(() => localStorage.getItem('moments:pending') !== '1'),
      'the outbox to empty',
    );
    expect(match(await exportResponsesOfSite())).toHaveLength(1);
  }, 120_000);

  it('works under a strict Content-Security-Policy (no unsafe-inline, no eval)', async () => {
    await open('/csp');
    await page.click('#cancel');
    await survey(page).getByRole('radio', { name: /^4$/ }).click();
    await survey(page).getByRole('button', { name: 'Send' }).click();
    await thanks(page).waitFor();
    await waitFor(
      async () => (await exportResponsesOfSite()).some((r) => r.surveyId === 'cancel'),
      'the CSP response',
    );
    expect(consoleLines.filter((l) => /Content.Security.Policy|Refused/i.test(l))).toEqual([]);
  });

  it('cannot be hidden or restyled by hostile page CSS, and leaves the page styles alone', async () => {
    await open('/hostile');
    const h1Before = await page.evaluate(() => getComputedStyle(document.querySelector('h1')!).fontSize);
    await page.evaluate(() =>
      (window as unknown as { moments: (...a: unknown[]) => void }).moments('track', 'checkout_completed'),
    );
    const seven = survey(page).getByRole('radio', { name: /^7$/ });
    await seven.waitFor({ state: 'visible' });
    const box = (await seven.boundingBox())!;
    // 0–10 in one row of the card: 44 px tall, wider than the 24 px WCAG 2.5.8 asks.
    expect(box.width).toBeGreaterThanOrEqual(24);
    expect(box.height).toBeGreaterThanOrEqual(44);
    const zero = (await survey(page).getByRole('radio', { name: /^0 / }).boundingBox())!;
    expect(zero.y).toBe(box.y);
    const fontSize = await seven.evaluate((el) => getComputedStyle(el).fontSize);
    expect(fontSize).not.toBe('40px');
    await seven.click();
    expect(await seven.getAttribute('aria-checked')).toBe('true');
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('h1')!).fontSize)).toBe(
      h1Before,
    );
  });

  it('follows single-page-app route changes: shows on the matching route, withdraws when it is left', async () => {
    // The moment a page-view survey would show is once the config has arrived and been applied.
    const config = page.waitForResponse((r) => r.url().includes('/config'));
    await open('/spa/home');
    await config;
    await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
    expect(await survey(page).count()).toBe(0);
    await page.click('#to-checkout');
    await survey(page).getByRole('heading', { name: 'How easy was this page to use?' }).waitFor();
    await page.goBack();
    await waitFor(async () => (await survey(page).count()) === 0, 'the survey to be withdrawn');
  });

  it('holds back a second survey under the contact policy', async () => {
    await open('/plain');
    await page.click('#checkout');
    await survey(page).getByRole('radio', { name: /^10\b/ }).click();
    await survey(page).getByRole('button', { name: 'Send' }).click();
    await thanks(page).waitFor();
    await waitFor(async () => (await survey(page).count()) === 0, 'the thank-you to leave', 8000);
    // The tracked moment is sent after its survey would have been shown: wait for that POST.
    const sent = page.waitForResponse((r) => r.url().endsWith('/events'));
    await page.click('#cancel');
    await sent;
    expect(await survey(page).count()).toBe(0);
  });

  it('holds back a second survey on the same page for a customer the server decides for: its list dates from the page load', async () => {
    const config = page.waitForResponse((r) => r.url().includes('/config?customer='));
    await open('/customer?id=cus-one-page');
    // At page load the server allows both moments' surveys to this customer.
    expect(((await (await config).json()) as { eligible: string[] }).eligible).toEqual(
      expect.arrayContaining(['checkout', 'cancel']),
    );
    await page.click('#checkout');
    await survey(page).getByRole('radio', { name: /^10\b/ }).click();
    await survey(page).getByRole('button', { name: 'Close' }).click();
    await waitFor(async () => (await survey(page).count()) === 0, 'the survey to close');
    // The tracked moment is sent after its survey would have been shown: wait for that POST.
    const sent = page.waitForResponse((r) => r.url().endsWith('/events'));
    await page.click('#cancel');
    await sent;
    expect(await survey(page).count(), 'a second survey seconds after the first').toBe(0);
  });

  it('has no axe-core violations, asking and thanking', async () => {
    await open('/plain');
    await page.click('#cancel');
    await survey(page).locator('[role=radiogroup]').waitFor();
    const audit = () => auditSurvey(page);
    expect(await audit()).toEqual([]);
    await survey(page).getByRole('radio', { name: /^5\b/ }).click();
    await survey(page).getByRole('button', { name: 'Send' }).click();
    await thanks(page).waitFor();
    expect(await audit()).toEqual([]);
  });

  it('says an answer is missing legibly in either colour scheme: the message has its contrast on a dark card too', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await open('/plain');
      await page.click('#cancel');
      await survey(page).getByRole('button', { name: 'Send' }).click();
      await survey(page).getByRole('alert').waitFor();
      await page.screenshot({ path: join(shots, `required-${colorScheme}.png`) });
      expect(await auditSurvey(page), colorScheme).toEqual([]);
      await page.evaluate(() => localStorage.clear());
    }
  });

  it('speaks the page language right to left, arrows mirrored', async () => {
    await open('/rtl');
    await page.click('#cancel');
    const card = survey(page).locator('.card');
    await card.waitFor();
    expect(await card.getAttribute('dir')).toBe('rtl');
    await survey(page).getByText('إرسال').waitFor();
    const radio = await tabIntoSurvey(page);
    expect(radio).toMatchObject({ role: 'radio', text: '1' });
    // Right to left, ArrowLeft goes forward: from the focused 1 to 2.
    await page.keyboard.press('ArrowLeft');
    expect(await focusedInSurvey(page)).toMatchObject({ text: '2', checked: 'true' });
  });

  it('causes no layout shift and no long task of its own on the host page, and fetches the config once', async () => {
    const configFetches: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/config')) configFetches.push(r.url());
    });
    await page.addInitScript((server) => {
      type Frame = PerformanceEntry & { blockingDuration: number; scripts: { sourceURL: string }[] };
      const w = window as unknown as { perf: { shift: number; longest: number; observed: boolean } };
      w.perf = {
        shift: 0,
        longest: 0,
        observed: PerformanceObserver.supportedEntryTypes.includes('long-animation-frame'),
      };
      new PerformanceObserver((l) => {
        for (const e of l.getEntries() as (PerformanceEntry & { value: number })[]) w.perf.shift += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
      // A frame the widget's scripts (loaded from the Moments server) ran in, and what of it blocked
      // the page past 50 ms: Chromium names each script of a long animation frame by its URL, so a
      // stall of the machine running the test in a frame the widget had no part in is not counted.
      new PerformanceObserver((l) => {
        for (const e of l.getEntries() as Frame[])
          if (e.scripts.some((s) => s.sourceURL.startsWith(server)))
            w.perf.longest = Math.max(w.perf.longest, e.blockingDuration);
      }).observe({ type: 'long-animation-frame', buffered: true });
    }, moments.url);
    await open('/plain');
    await page.click('#checkout');
    await survey(page).locator('[role=radiogroup]').waitFor();
    const sent = page.waitForResponse((r) => r.url().endsWith('/events'));
    await page.click('#cancel');
    await sent;
    const perf = await page.evaluate(
      () => (window as unknown as { perf: { shift: number; longest: number; observed: boolean } }).perf,
    );
    expect(perf.observed, 'Chromium reports long animation frames').toBe(true);
    expect(perf.shift).toBe(0);
    expect(perf.longest).toBe(0);
    expect(configFetches).toHaveLength(1);
  });

  it('lays the 0–10 scale in one row on a phone 320 to 390 px wide, its targets usable, arrows intact', async () => {
    for (const width of [390, 360, 320]) {
      // A new visitor at each width: the contact policy would hold the same survey back.
      const phone = await browser.newContext({ viewport: { width, height: 700 } });
      try {
        const p = await phone.newPage();
        await openWithWidget(p, `${pages.url}/plain`);
        await p.click('#checkout');
        const radios = survey(p).getByRole('radio');
        await radios.first().waitFor();
        const boxes = await radios.evaluateAll((els) =>
          els.map((e) => {
            const r = e.getBoundingClientRect();
            return { x: r.x, y: r.y, width: r.width, height: r.height };
          }),
        );
        expect(boxes).toHaveLength(11);
        // One row: the same top for all eleven, inside the screen.
        expect(new Set(boxes.map((b) => Math.round(b.y))).size, `rows at ${width}px`).toBe(1);
        expect(boxes[0]!.x).toBeGreaterThanOrEqual(0);
        expect(boxes[10]!.x + boxes[10]!.width).toBeLessThanOrEqual(width);
        for (const [i, b] of boxes.entries()) {
          expect(b.height, `height of ${i} at ${width}px`).toBeGreaterThanOrEqual(44);
          // WCAG 2.5.8: centres at least 24 px apart (a 24 px circle on each never meets the next).
          if (i > 0) expect(b.x - boxes[i - 1]!.x, `pitch at ${width}px`).toBeGreaterThanOrEqual(24);
        }
        await p.screenshot({ path: join(shots, `nps-${width}.png`) });
        // The radio group's keys still work: arrows wrap at the ends, End jumps.
        expect(await tabIntoSurvey(p)).toMatchObject({ role: 'radio', text: '0' });
        await p.keyboard.press('ArrowLeft');
        expect(await focusedInSurvey(p)).toMatchObject({ role: 'radio', text: '10', checked: 'true' });
        await p.keyboard.press('Home');
        await p.keyboard.press('End');
        await p.keyboard.press('ArrowRight');
        expect(await focusedInSurvey(p)).toMatchObject({ role: 'radio', text: '0', checked: 'true' });
      } finally {
        await phone.close();
      }
    }
  });

  it('fits a phone screen with 44 px targets and wears the site theme', async () => {
    await page.setViewportSize({ width: 360, height: 640 });
    await moments.admin.updateSite(site.id, {
      theme: { brandColor: '#aa2200', position: 'bottom-left', mode: 'dark' },
    });
    try {
      await open('/plain');
      await page.click('#cancel');
      const card = survey(page).locator('.card');
      await card.waitFor();
      const box = (await card.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(360);
      expect(box.y + box.height).toBeLessThanOrEqual(640);
      expect(box.x).toBeLessThan(30);
      const send = survey(page).getByRole('button', { name: 'Send' });
      expect((await send.boundingBox())!.height).toBeGreaterThanOrEqual(44);
      expect(await send.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(170, 34, 0)');
      expect(await card.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(31, 41, 55)');
    } finally {
      await moments.admin.updateSite(site.id, {
        theme: { brandColor: '#4f46e5', position: 'bottom-right', mode: 'auto' },
      });
    }
  });
});
