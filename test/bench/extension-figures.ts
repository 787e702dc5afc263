// Figures for the extension (printed, never asserted): how long from a customer's email appearing
// on a CRM page to its badge showing a score, with a cold and a warm cache, and from a response's
// write on the server to the open overlay's update. Run: pnpm bench:extension
import { randomUUID } from 'node:crypto';
import { genericPage } from '../support/crm-pages/index.js';
import { launchWithExtension } from '../support/extension.js';
import { servePages } from '../support/pages.js';
import { startMoments } from '../support/server.js';
import { makeSelfSignedCert } from '../support/tls.js';

const N = Number(process.env.FIGURE_RUNS ?? 15);
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

const moments = await startMoments();
const site = await moments.admin.createSite({ name: 'Figures' });
await moments.admin.createSurvey(site.id, {
  id: 'checkout-nps',
  name: 'After checkout',
  moment: 'checkout_completed',
  questions: [{ id: 'nps', type: 'nps', text: 'Recommend us?', required: true }],
});
const customers = Array.from({ length: N * 2 }, (_, i) => ({ id: `fig${i}`, email: `fig${i}@acme.test` }));
const answer = (c: { id: string; email: string }, nps: number) =>
  moments.admin.sendResponses(site.publicKey, [
    {
      id: `r-${randomUUID()}`,
      surveyId: 'checkout-nps',
      answers: [{ questionId: 'nps', value: nps }],
      customer: c,
      anonymousId: `a-${c.id}`,
      moment: 'checkout_completed',
      createdAt: new Date().toISOString(),
    },
  ]);
for (const c of customers) await answer(c, 8);
const { token } = await moments.admin.createAgentToken('figures', [site.id]);

const pages = await servePages(() => ({ html: genericPage([]).html }), makeSelfSignedCert());
const port = new URL(pages.url).port;
const ext = await launchWithExtension(['https://crm.example.test/*', 'http://127.0.0.1/*']);
await ext.worker().evaluate(
  async (s) => {
    await (
      globalThis as unknown as { chrome: { storage: { local: { set: (v: unknown) => Promise<void> } } } }
    ).chrome.storage.local.set({
      settings: s,
    });
  },
  {
    serverUrl: moments.url,
    token,
    enabledSites: [],
    customOrigins: [`https://crm.example.test:${port}`],
    selectors: [],
  },
);
await new Promise((r) => setTimeout(r, 500)); // the worker registers the script for the new origin

const page = await ext.context.newPage();
const url = `https://crm.example.test:${port}/accounts`;
await page.goto(url);

/** In the page: add a row naming the email, and time until its badge shows a score. */
const timeToBadge = (email: string) =>
  page.evaluate(async (e) => {
    const t0 = performance.now();
    const li = document.createElement('li');
    li.textContent = `Customer: ${e}`;
    document.querySelector('ul')!.append(li);
    for (;;) {
      const text = li.querySelector('moments-badge')?.shadowRoot?.querySelector('.badge')?.textContent ?? '';
      if (/^NPS /.test(text)) return performance.now() - t0;
      await new Promise((r) => requestAnimationFrame(r));
    }
  }, email);

const cold: number[] = [];
for (const c of customers.slice(0, N)) cold.push(await timeToBadge(c.email));
// Warm: the same customers after a reload: their last scores come from the worker's IndexedDB cache.
await page.goto(url);
const warm: number[] = [];
for (const c of customers.slice(0, N)) warm.push(await timeToBadge(c.email));

const live: number[] = [];
for (const [i, c] of customers.slice(N, 2 * N).entries()) {
  await page.goto(url);
  await timeToBadge(c.email);
  await page.waitForTimeout(300); // the watch list reaches the worker and its stream
  const nps = i % 2 ? 3 : 10;
  // (No named functions in page code: tsx would wrap them in a helper the page does not have.)
  const changed = page.evaluate(async (want) => {
    for (;;) {
      const text = document.querySelector('moments-badge')?.shadowRoot?.querySelector('.badge')?.textContent;
      if (text === want) return Date.now();
      await new Promise((r) => requestAnimationFrame(r));
    }
  }, `NPS ${nps}`);
  const t0 = Date.now();
  await answer(c, nps);
  live.push((await changed) - t0);
}

const row = (name: string, xs: number[]) =>
  `| ${name.padEnd(52)} | ${quantile(xs, 0.5).toFixed(0).padStart(6)} | ${quantile(xs, 0.95).toFixed(0).padStart(6)} |`;
console.log(`\nExtension figures, ${N} runs each (headless Chromium, server and page on this machine):\n`);
console.log(`| ${'case'.padEnd(52)} | p50 ms | p95 ms |`);
console.log(`| ${'-'.repeat(52)} | -----: | -----: |`);
console.log(row('email on the page → badge with a score, cold cache', cold));
console.log(row('email on the page → badge with a score, warm cache', warm));
console.log(row("response written (API) → the open overlay's badge", live));

await ext.close();
await pages.close();
await moments.stop();
