import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Customer } from './crm-pages/index.js';
import { launchWithExtension } from './extension.js';
import { PEOPLE, serveHelpDesks } from './help-desks.js';
import { startMoments } from './server.js';

/** A comment holding markup: the overlay must show it as text. */
export const HTML_COMMENT = '<img src=x onerror="window.pwned=1"><b>bold</b> & more';

/** The help desk hosts the Chromium test copy holds (headless Chromium cannot click Allow). */
export const GRANTED = [
  'https://*.zendesk.com/*',
  'https://*.lightning.force.com/*',
  'https://app.hubspot.com/*',
  'https://app-eu1.hubspot.com/*',
  'https://app.intercom.com/*',
  'https://*.freshdesk.com/*',
  'https://crm.example.test/*',
  'http://127.0.0.1/*',
];

/**
 * What the extension suites share: a Moments server with the people's answers (bob a detractor
 * with an open follow-up), the fixture help desks, and Chromium with the extension.
 */
export async function startExtensionSuite() {
  const { ann, bob, cat, dan, eve, fay } = PEOPLE;
  const moments = await startMoments();
  // The company's shop: its domain is the company's (a colleague there is never a customer).
  const site = await moments.admin.createSite({
    name: 'Acme',
    allowedOrigins: ['https://shop.acme-store.example'],
  });
  await moments.admin.createSurvey(site.id, {
    id: 'checkout-nps',
    name: 'After checkout',
    moment: 'checkout_completed',
    questions: [
      { id: 'nps', type: 'nps', text: 'Recommend us?', required: true },
      { id: 'improve', type: 'text', text: 'What should we improve?', required: false, maxLength: 2000 },
    ],
  });
  await moments.admin.upsertCustomers(
    site.id,
    [ann, bob, cat, dan, eve, fay].map((c, i) => ({
      id: c.id,
      email: c.email,
      name: c.name,
      plan: 'Pro',
      mrr: 100 + i,
      currency: 'EUR',
    })),
  );
  const answer = async (customer: Customer, nps: number, comment?: string) => {
    const answers: { questionId: string; value: number | string }[] = [{ questionId: 'nps', value: nps }];
    if (comment) answers.push({ questionId: 'improve', value: comment });
    await moments.admin.sendResponses(site.publicKey, [
      {
        id: `r-${randomUUID()}`,
        surveyId: 'checkout-nps',
        answers,
        customer: { id: customer.id, email: customer.email },
        anonymousId: `anon-${customer.id}`,
        moment: 'checkout_completed',
        createdAt: new Date().toISOString(),
      },
    ]);
  };
  for (const [c, nps] of [
    [ann, 9],
    [cat, 7],
    [dan, 10],
    [eve, 5],
    [fay, 8],
  ] as const)
    await answer(c, nps);
  await answer(bob, 3, HTML_COMMENT); // a detractor: opens a follow-up
  const agentToken = await moments.admin.createAgentToken('e2e agents', [site.id]);
  const pages = await serveHelpDesks();
  const fixturePort = Number(new URL(pages.url).port);
  const ext = await launchWithExtension(GRANTED);
  const at = (path: string, host: string) => `https://${host}:${fixturePort}${path}`;
  const suite = {
    moments,
    site,
    agentToken,
    fixturePort,
    ext,
    answer,
    at,
    /** The settings the options page would save: every help desk on, the generic page's origin added. */
    configure: async () => {
      await ext.worker().evaluate(
        async (settings) => {
          type Local = { set: (v: unknown) => Promise<void> };
          await (globalThis as unknown as { chrome: { storage: { local: Local } } }).chrome.storage.local.set(
            {
              settings,
            },
          );
        },
        {
          serverUrl: moments.url,
          token: agentToken.token,
          enabledSites: ['zendesk', 'salesforce', 'hubspot', 'intercom', 'freshdesk'],
          customOrigins: [`https://crm.example.test:${fixturePort}`],
          selectors: [],
          agentEmails: [],
          companyDomains: [],
        },
      );
      // The worker registers the overlay script on the granted hosts as the settings change
      // (polled by hand: this runs in a beforeAll, where expect.poll is not allowed).
      type Scripting = { getRegisteredContentScripts: () => Promise<unknown[]> };
      const registered = () =>
        ext.worker().evaluate(async () => {
          const { scripting } = (globalThis as unknown as { chrome: { scripting: Scripting } }).chrome;
          return (await scripting.getRegisteredContentScripts()).length;
        });
      for (let i = 0; (await registered()) === 0; i++) {
        if (i > 100) throw new Error('the worker did not register the overlay script');
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    /** Resolves once the worker follows `count` customers of open tabs (its session's watch list). */
    watching: async (count = 1) => {
      const watched = () =>
        ext.worker().evaluate(async () => {
          const { storage } = (
            globalThis as unknown as {
              chrome: { storage: { session: { get: (k: string) => Promise<Record<string, unknown>> } } };
            }
          ).chrome;
          const lists = ((await storage.session.get('watched')).watched ?? {}) as Record<string, string[]>;
          return new Set(Object.values(lists).flat()).size;
        });
      for (let i = 0; (await watched()) < count; i++) {
        if (i > 200) throw new Error(`the worker never followed ${count} customers`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    open: async (path: string, host: string) => {
      const page = await ext.context.newPage();
      await page.goto(at(path, host));
      return page;
    },
    close: async () => {
      await ext.close();
      await pages.close();
      await suite.moments.stop();
    },
  };
  return suite;
}
export type ExtensionSuite = Awaited<ReturnType<typeof startExtensionSuite>>;

export const badges = (p: Page) => p.locator('moments-badge button.badge');

/** The badge's text once it has left its loading state. */
export async function settledBadge(p: Page, n = 0) {
  const b = badges(p).nth(n);
  await expect.poll(() => b.textContent(), { timeout: 15_000 }).not.toBe('…');
  return (await b.textContent())!;
}

/**
 * Resolves once the page has not changed for two of the content script's scan delays (50 ms each):
 * the moment a badge it should not have drawn would have appeared.
 */
export async function pageQuiet(p: Page) {
  await p.evaluate(
    () =>
      new Promise<void>((resolve) => {
        let last = performance.now();
        const observer = new MutationObserver(() => {
          last = performance.now();
        });
        observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
        const check = () => {
          if (performance.now() - last > 120) {
            observer.disconnect();
            resolve();
          } else setTimeout(check, 20);
        };
        check();
      }),
  );
}
