import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { type Moments, signInAsAdmin, startMoments } from '../support/server.js';

/**
 * What an attacker can put in front of the CX lead: markup in every text a site, survey, customer
 * or response carries, and links typed by hand. Each view shows it as text: no script runs, no
 * attribute or element is injected, and nothing is thrown.
 */
const markup = (tag: string) =>
  `<script>window.__xss='${tag}'</script>"><img src=x onerror="window.__xss='${tag}'" data-xss="${tag}"><svg onload=alert(1)>\u202eRTL\u200b😀`;

let moments: Moments;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const problems: string[] = [];
let siteId = '';
const customerIds = ['cus_plain', '<img src=x onerror=alert(1)>', 'javascript:alert(1)'];

beforeAll(async () => {
  moments = await startMoments();
  const { admin } = moments;
  const site = await admin.createSite({ name: markup('site').slice(0, 200) });
  siteId = site.id;
  await admin.createSurvey(site.id, {
    id: 'hostile',
    name: markup('survey'),
    moment: 'checkout_completed',
    title: markup('title').slice(0, 200),
    questions: [
      { id: 'nps', type: 'nps', text: markup('q-nps'), required: true },
      {
        id: 'pick',
        type: 'choice',
        text: markup('q-choice'),
        required: false,
        multiple: false,
        options: [
          { id: 'a', label: markup('option') },
          { id: 'b', label: '=cmd|" /C calc"!A0' },
        ],
      },
      { id: 'why', type: 'text', text: markup('q-text'), required: false, maxLength: 2000 },
    ],
  });
  await admin.upsertCustomers(
    site.id,
    customerIds.map((id, i) => ({
      id,
      email: `hostile${i}@example.com`,
      name: markup(`name${i}`),
      plan: markup(`plan${i}`).slice(0, 100),
      owner: markup('owner'),
      mrr: 100 + i,
    })),
  );
  const now = Date.now();
  await admin.sendResponses(
    site.publicKey,
    customerIds.flatMap((id, i) =>
      [0, 1, 2].map((j) => ({
        id: `hostile-${i}-${j}`.padEnd(12, '0'),
        surveyId: 'hostile',
        answers: [
          { questionId: 'nps', value: j },
          { questionId: 'pick', value: 'a' },
          { questionId: 'why', value: `${markup('comment')} the delivery was late` },
        ],
        customer: { id },
        anonymousId: `anon-${i}`,
        moment: 'checkout_completed',
        context: { agent: markup('agent'), team: markup('team'), ticketId: markup('ticket') },
        createdAt: new Date(now - (i * 3 + j) * 60_000).toISOString(),
      })),
    ),
  );
  const { followups } = await admin.listFollowUps({ site: site.id });
  for (const f of followups.slice(0, 2))
    await admin.updateFollowUp(f.id, {
      status: 'in_progress',
      assignee: markup('assignee'),
      note: markup('note'),
    });
  await admin.createAgentToken(markup('token'), [site.id]);

  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  expect(await signInAsAdmin(context, moments.url)).toBe(200);
  page = await context.newPage();
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
});
afterAll(async () => {
  await browser?.close();
  await moments?.stop();
});

/** The text of the page's main region ('' while there is none). */
const mainText = () => page.evaluate(() => document.querySelector('main')?.textContent ?? '');

/** Opens a view and waits until it has drawn (no loading state left). */
async function open(path: string) {
  await page.goto(`${moments.url}/app${path}`);
  await page.locator('main').waitFor();
  await page.locator('.state[role=status]').first().waitFor({ state: 'detached', timeout: 20_000 });
  await page.waitForLoadState('networkidle');
}

/** Markup that became part of the page: an injected element, an event-handler attribute, a run script. */
const findInjected = () =>
  page.evaluate(() => {
    const elements = [
      ...document.querySelectorAll('[data-xss], img[src="x"], svg[onload], script:not([src])'),
    ];
    const handlers = [...document.querySelectorAll('*')].flatMap((e) =>
      [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName} ${a.name}`),
    );
    return {
      ran: (window as unknown as { __xss?: string }).__xss ?? null,
      injected: [...elements.map((e) => e.outerHTML.slice(0, 80)), ...handlers],
    };
  });

describe('hostile text in the dashboard', () => {
  it('every view shows stored markup as text: nothing runs, nothing is injected', async () => {
    await page.goto(`${moments.url}/app`);
    await page.evaluate((id) => localStorage.setItem('moments:site', id), siteId);
    const views = [
      '',
      '/journey',
      '/responses',
      '/rankings',
      '/value',
      '/themes',
      '/followups',
      '/surveys',
      '/surveys/hostile',
      '/surveys/hostile/results',
      '/customers',
      ...customerIds.map((id) => `/customers/${encodeURIComponent(id)}`),
      '/audience?customer=cus_plain',
      '/settings',
    ];
    for (const view of views) {
      await open(view);
      expect(await findInjected(), view).toEqual({ ran: null, injected: [] });
    }
    // Shown, as the text it is.
    await open(`/customers/${encodeURIComponent(customerIds[1]!)}`);
    await expect.poll(mainText, { timeout: 10_000 }).toContain(`<script>window.__xss='name1'</script>`);
    expect(problems).toEqual([]);
  });

  it('a link with a malformed escape shows "no page here" beside the menu, and throws nothing', async () => {
    problems.length = 0;
    for (const path of ['/customers/%', '/surveys/%ZZ', '/surveys/%E0%A4%A/results']) {
      await page.goto(`${moments.url}/app${path}`);
      await expect.poll(mainText, { timeout: 10_000, message: path }).toContain('There is no page here');
      await expect(page.getByRole('link', { name: 'Overview' }).count(), path).resolves.toBe(1);
    }
    expect(problems).toEqual([]);
  });
});
