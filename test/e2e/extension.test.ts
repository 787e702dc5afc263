import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import {
  type Customer,
  type Fixture,
  freshdeskTicket,
  genericPage,
  hubspotContact,
  hubspotIndex,
  intercomConversation,
  type SfContact,
  salesforceContact,
  salesforceList,
  zendeskTicket,
  zendeskView,
} from '../support/crm-pages/index.js';
import { launchWithExtension } from '../support/extension.js';
import { servePages } from '../support/pages.js';
import { type Moments, startMoments } from '../support/server.js';
import { makeSelfSignedCert } from '../support/tls.js';

const C = (id: string, name: string): Customer => ({ id, name, email: `${id}@acme.test` });
const ann = C('ann', 'Ann Archer');
const bob = C('bob', 'Bob Baker');
const cat = C('cat', 'Cat Cole');
const dan = C('dan', 'Dan Dunn');
const eve = C('eve', 'Eve Ellis');
const fay = C('fay', 'Fay Ford');
const TICKETS = [
  { id: 1, subject: 'Where is my order?', requester: ann },
  { id: 2, subject: 'Refund please', requester: bob },
  { id: 3, subject: 'Wrong size', requester: cat },
];
const sf = (c: Customer, recordId: string, more: Partial<SfContact> = {}): SfContact => ({
  ...c,
  recordId,
  ...more,
});
const SF = [
  sf(ann, '003A'),
  sf(cat, '003C', { customerId: cat.id }),
  sf(dan, '003D', { reportsTo: sf(ann, '003A') }),
];

/** The fixture help desk page for a path (each app on its own host name; see CRM_HOSTS). */
function fixtureFor(path: string): Fixture | undefined {
  const ticket = path.match(/^\/agent\/tickets\/(\d+)/)?.[1];
  if (ticket) return zendeskTicket(TICKETS, Number(ticket), Number(ticket) > 1 ? [1] : []);
  if (path.startsWith('/agent/filters/')) return zendeskView(TICKETS);
  const record = path.match(/^\/lightning\/r\/Contact\/([^/]+)/)?.[1];
  if (record) return salesforceContact(SF, record, record === '003D' ? ['003A'] : []);
  if (path.startsWith('/lightning/o/Contact/list')) return salesforceList(SF);
  if (path.startsWith('/contacts/4455667/record/')) return hubspotContact(dan);
  if (path.startsWith('/contacts/4455667/objects/')) return hubspotIndex([dan, eve]);
  if (path.startsWith('/a/inbox/')) return intercomConversation(eve, fay);
  if (path.startsWith('/a/tickets/')) return freshdeskTicket(fay);
  if (path === '/accounts') return genericPage([dan, eve, C('nobody', 'No Body')], fay, cat);
  return undefined;
}
const API: Record<string, unknown> = Object.assign(
  {},
  zendeskTicket(TICKETS, 1).api,
  freshdeskTicket(fay).api,
);
const HTML_COMMENT = '<img src=x onerror="window.pwned=1"><b>bold</b> & more';

const shots = join(dirname(fileURLToPath(import.meta.url)), '../artifacts/extension');
mkdirSync(shots, { recursive: true });
let moments: Moments;
let site: { id: string; publicKey: string };
let agentToken: { id: string; token: string };
let pages: Awaited<ReturnType<typeof servePages>>;
let fixturePort: number;
let ext: Awaited<ReturnType<typeof launchWithExtension>>;

const at = (path: string, host: string) => `https://${host}:${fixturePort}${path}`;
const badges = (p: Page) => p.locator('moments-badge button.badge');

async function answer(customer: Customer, nps: number, comment?: string) {
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
}

async function open(path: string, host: string) {
  const page = await ext.context.newPage();
  await page.goto(at(path, host));
  return page;
}

/** The badge's text once it has left its loading state. */
async function settledBadge(p: Page, n = 0) {
  const b = badges(p).nth(n);
  await expect.poll(() => b.textContent(), { timeout: 15_000 }).not.toBe('…');
  return (await b.textContent())!;
}

beforeAll(async () => {
  moments = await startMoments();
  site = await moments.admin.createSite({ name: 'Acme' });
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
  for (const [c, nps] of [
    [ann, 9],
    [cat, 7],
    [dan, 10],
    [eve, 5],
    [fay, 8],
  ] as const)
    await answer(c, nps);
  await answer(bob, 3, HTML_COMMENT); // a detractor: opens a follow-up
  agentToken = await moments.admin.createAgentToken('e2e agents', [site.id]);

  pages = await servePages((path, url) => {
    const f = fixtureFor(path);
    if (f) return { html: f.html };
    // The help desks' own JSON APIs, answered as the fixtures' apps would (with the agent's session).
    const body = API[path + url.search];
    return body ? { html: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : undefined;
  }, makeSelfSignedCert());
  fixturePort = Number(new URL(pages.url).port);
  ext = await launchWithExtension([
    'https://*.zendesk.com/*',
    'https://*.lightning.force.com/*',
    'https://app.hubspot.com/*',
    'https://app-eu1.hubspot.com/*',
    'https://app.intercom.com/*',
    'https://*.freshdesk.com/*',
    'https://crm.example.test/*',
    'http://127.0.0.1/*',
  ]);
});

afterAll(async () => {
  await ext?.close();
  await pages?.close();
  await moments?.stop();
});

describe('the extension on CRM pages', () => {
  it('options: checks the server and token on save, and turns CRMs and other pages on', async () => {
    const options = await ext.context.newPage();
    await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
    const status = () => options.getByRole('status').first().textContent();
    await options.getByLabel('Moments server').fill('http://127.0.0.1:1');
    await options.getByLabel('Agent token').fill(agentToken.token);
    await options.getByRole('button', { name: 'Save and check' }).click();
    await expect.poll(status).toContain('Cannot reach http://127.0.0.1:1');
    await options.getByLabel('Moments server').fill(moments.url);
    await options.getByLabel('Agent token').fill('mat_not-a-real-token');
    await options.getByRole('button', { name: 'Save and check' }).click();
    await expect.poll(status).toContain('refused this token');
    await options.getByLabel('Agent token').fill(agentToken.token);
    await options.getByRole('button', { name: 'Save and check' }).click();
    await expect.poll(status).toContain('Connected');
    for (const name of ['Zendesk', 'Salesforce Lightning', 'HubSpot', 'Intercom', 'Freshdesk']) {
      const box = options.getByRole('checkbox', { name: new RegExp(`^${name}`) });
      await box.click();
      await expect.poll(() => box.isChecked()).toBe(true);
    }
    await options.getByLabel('Add a page origin').fill(`https://crm.example.test:${fixturePort}`);
    await options.getByRole('button', { name: 'Add', exact: true }).click();
    await expect
      .poll(() => options.getByRole('listitem').first().textContent())
      .toContain('https://crm.example.test');
    type Scripting = { getRegisteredContentScripts: () => Promise<{ matches?: string[] }[]> };
    const registered = () =>
      ext.worker().evaluate(async () => {
        const { scripting } = (globalThis as unknown as { chrome: { scripting: Scripting } }).chrome;
        return (await scripting.getRegisteredContentScripts()).flatMap((s) => s.matches ?? []).sort();
      });
    await expect
      .poll(registered)
      .toEqual(
        [
          'https://*.freshdesk.com/*',
          'https://*.lightning.force.com/*',
          'https://*.zendesk.com/*',
          'https://app.hubspot.com/*',
          'https://app-eu1.hubspot.com/*',
          'https://app.intercom.com/*',
          'https://crm.example.test/*',
        ].sort(),
      );
    await options.screenshot({ path: join(shots, 'options.png'), fullPage: true });
    await options.close();
  });

  it('puts the right score beside the customer on every adapter, a badge per row on a list', async () => {
    const cases: [string, string, string[]][] = [
      ['/agent/tickets/2', 'acme.zendesk.com', ['NPS 3']], // ticket 1 stays mounted, hidden
      ['/agent/filters/360', 'acme.zendesk.com', ['NPS 9', 'NPS 3', 'NPS 7']],
      ['/lightning/r/Contact/003C/view', 'acme.lightning.force.com', ['NPS 7']], // by its Customer ID
      ['/lightning/r/Contact/003D/view', 'acme.lightning.force.com', ['NPS 10']], // 003A mounted, hidden
      ['/lightning/o/Contact/list', 'acme.lightning.force.com', ['NPS 9', 'NPS 7', 'NPS 10']],
      ['/contacts/4455667/record/0-1/1201', 'app.hubspot.com', ['NPS 10']],
      ['/contacts/4455667/objects/0-1/views/all/list', 'app.hubspot.com', ['NPS 10', 'NPS 5']],
      ['/a/inbox/abc123/inbox/conversation/77', 'app.intercom.com', ['NPS 5']],
      ['/a/tickets/42', 'acme.freshdesk.com', ['NPS 8']],
      // The agent in the header, the support address in the footer and a hidden row: no badge.
      ['/accounts', 'crm.example.test', ['NPS 10', 'NPS 5', 'unknown', 'NPS 7']],
    ];
    for (const [path, host, expected] of cases) {
      const p = await open(path, host);
      await expect.poll(() => badges(p).count(), { timeout: 15_000 }).toBe(expected.length);
      for (let i = 0; i < expected.length; i++)
        expect(await settledBadge(p, i), `${host}${path} #${i}`).toBe(expected[i]);
      await p.waitForTimeout(300); // nothing more appears once the page has settled
      expect(await badges(p).count(), `${host}${path}`).toBe(expected.length);
      await p.close();
    }
  });

  it("honours the agent's own CSS selectors on a generic page", async () => {
    const options = await ext.context.newPage();
    await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
    await options.getByLabel('CSS selectors naming a customer').fill('li:first-child');
    await options.getByRole('button', { name: 'Save selectors' }).click();
    await expect.poll(() => options.getByRole('status').last().textContent()).toContain('Selectors saved');
    const p = await open('/accounts', 'crm.example.test');
    expect(await settledBadge(p)).toBe('NPS 10'); // dan, the first row only
    await p.waitForTimeout(300);
    expect(await badges(p).count()).toBe(1);
    await p.close();
    await options.getByLabel('CSS selectors naming a customer').fill('');
    await options.getByRole('button', { name: 'Save selectors' }).click();
    await options.close();
  });

  it('follows a single-page navigation to the next ticket and Back, and opens the panel by keyboard', async () => {
    const p = await open('/agent/tickets/1', 'acme.zendesk.com');
    expect(await settledBadge(p)).toBe('NPS 9');
    await p.click('.ticket-panes-grid-layout[data-is-active="true"] a.next-ticket');
    await expect.poll(() => badges(p).first().textContent(), { timeout: 10_000 }).toBe('NPS 3');
    expect(await badges(p).count()).toBe(1); // ticket 1's pane is hidden now: its badge is gone
    await p.goBack();
    await expect.poll(() => badges(p).first().textContent(), { timeout: 10_000 }).toBe('NPS 9');
    expect(await badges(p).count()).toBe(1);
    await p.click('.ticket-panes-grid-layout[data-is-active="true"] a.next-ticket');
    await expect.poll(() => badges(p).first().textContent(), { timeout: 10_000 }).toBe('NPS 3');
    await badges(p).first().focus();
    await p.keyboard.press('Enter');
    const panel = p.getByRole('dialog', { name: `Moments: ${bob.email}` });
    await panel.waitFor();
    expect(await panel.textContent()).toContain('Bob Baker');
    expect(await panel.textContent()).toContain('€101');
    await p.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    expect(
      await badges(p)
        .first()
        .evaluate(
          (b) => b.getRootNode() instanceof ShadowRoot && (b.getRootNode() as ShadowRoot).activeElement === b,
        ),
    ).toBe(true);
    await p.close();
  });

  it('shows a comment holding HTML as text', async () => {
    const p = await open('/agent/tickets/2', 'acme.zendesk.com');
    await settledBadge(p);
    await badges(p).first().click();
    const comment = p.locator('moments-badge li.comment').first();
    expect(await comment.textContent()).toContain(HTML_COMMENT);
    await p.screenshot({ path: join(shots, 'zendesk-panel.png') });
    expect(await p.locator('moments-badge img').count()).toBe(0);
    expect(await p.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    await p.close();
  });

  it('updates the open overlay live when a response is written', async () => {
    const p = await open('/agent/tickets/1', 'acme.zendesk.com');
    expect(await settledBadge(p)).toBe('NPS 9');
    await badges(p).first().click();
    await p.getByRole('dialog').waitFor();
    await p.waitForTimeout(500); // the page's watch list reaches the worker and its stream
    // Count the worker's lookups from here on: the stream's pushed summary is enough, none is made.
    await ext.worker().evaluate(() => {
      const g = globalThis as unknown as { fetch: typeof fetch; lookups: number };
      const original = g.fetch;
      g.lookups = 0;
      g.fetch = (input, init) => {
        if (String(input instanceof Request ? input.url : input).includes('/v1/customers/lookup'))
          g.lookups++;
        return original(input, init);
      };
    });
    const started = Date.now();
    await answer(ann, 2, 'Second parcel lost');
    await expect.poll(() => badges(p).first().textContent(), { timeout: 5000, interval: 25 }).toBe('NPS 2');
    const elapsed = Date.now() - started;
    expect(elapsed, `overlay updated ${elapsed} ms after the write`).toBeLessThan(1000);
    await expect.poll(() => p.getByRole('dialog').textContent()).toContain('Second parcel lost');
    expect(await ext.worker().evaluate(() => (globalThis as unknown as { lookups: number }).lookups)).toBe(0);
    // The trend line: both answers, oldest first, each a point with its date.
    const today = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
    expect(await p.locator('moments-badge svg[role=img]').getAttribute('aria-label')).toBe(
      `NPS answers over time, oldest first: 9 (${today}), 2 (${today})`,
    );
    expect(await p.locator('moments-badge svg circle title').allTextContents()).toEqual([
      `NPS 9 on ${today}`,
      `NPS 2 on ${today}`,
    ]);
    await p.close();
  });

  it('picks the stream up again after the browser suspends the worker, missing nothing', async () => {
    const p = await open('/a/tickets/42', 'acme.freshdesk.com');
    expect(await settledBadge(p)).toBe('NPS 8');
    await p.waitForTimeout(500);
    await ext.worker().evaluate(() => {
      (globalThis as unknown as { beforeSuspend: boolean }).beforeSuspend = true;
    });
    const options = await ext.context.newPage();
    await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
    const cdp = await ext.context.newCDPSession(options);
    await cdp.send('ServiceWorker.enable');
    const stopped = new Promise<void>((resolve) =>
      cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: { runningStatus: string }[] }) => {
        if (e.versions.some((v) => v.runningStatus === 'stopped')) resolve();
      }),
    );
    await cdp.send('ServiceWorker.stopAllWorkers');
    await stopped;
    await options.close();
    // Written while no worker runs: the page's next watch wakes it, and it resumes from the last event id.
    await answer(fay, 4, 'Written while the worker slept');
    await expect
      .poll(() => badges(p).first().textContent(), { timeout: 40_000, interval: 250 })
      .toBe('NPS 4');
    // A new worker did that: the suspended one's globals are gone.
    expect(
      await ext.worker().evaluate(() => (globalThis as unknown as { beforeSuspend?: boolean }).beforeSuspend),
    ).toBeUndefined();
    await p.close();
  });

  it('ignores a Resolve clicked by a page script, and a long panel scrolls with its form in view', async () => {
    const [fu] = (await moments.admin.listFollowUps({ site: site.id, customer: bob.id })).followups;
    const p = await open('/agent/tickets/2', 'acme.zendesk.com');
    await p.setViewportSize({ width: 900, height: 360 });
    await settledBadge(p);
    await badges(p).first().click();
    const dialog = p.getByRole('dialog');
    await dialog.waitFor();
    // The test copy opens the shadow root so a page script can reach the button: it still cannot act.
    await p.evaluate(() => {
      for (const host of document.querySelectorAll('moments-badge'))
        for (const b of host.shadowRoot?.querySelectorAll('button') ?? [])
          if (b.textContent === 'Resolve') (b as HTMLButtonElement).click();
    });
    await p.waitForTimeout(800);
    expect((await moments.admin.getFollowUp(fu!.id)).status).toBe('open');
    // Taller than the window: it scrolls inside, and the follow-up's form comes fully into view.
    const box = await dialog.boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(360);
    expect(await dialog.evaluate((d) => d.scrollHeight > d.clientHeight)).toBe(true);
    await dialog.getByLabel('Note').first().focus();
    const resolve = await dialog.getByRole('button', { name: 'Resolve' }).first().boundingBox();
    expect(resolve!.y).toBeGreaterThanOrEqual(box!.y);
    expect(resolve!.y + resolve!.height).toBeLessThanOrEqual(box!.y + box!.height);
    await p.screenshot({ path: join(shots, 'panel-scrolled.png') });
    await p.close();
  });

  it('as shipped, the badge lives in a closed shadow root a page script cannot open', async () => {
    const shipped = await launchWithExtension(['https://crm.example.test/*', 'http://127.0.0.1/*'], {
      closedShadow: true,
    });
    try {
      await shipped.worker().evaluate(
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
          enabledSites: [],
          customOrigins: [`https://crm.example.test:${fixturePort}`],
          selectors: [],
          agentEmails: [],
          companyDomains: [],
        },
      );
      const p = await shipped.context.newPage();
      await expect
        .poll(
          async () => {
            await p.goto(at('/accounts', 'crm.example.test'));
            await p.waitForTimeout(300);
            return p.locator('moments-badge').count();
          },
          { timeout: 15_000 },
        )
        .toBeGreaterThan(0);
      expect(await p.evaluate(() => document.querySelector('moments-badge')!.shadowRoot)).toBeNull();
      // The browser itself (DevTools protocol) sees into it: a closed root, holding the score.
      const cdp = await shipped.context.newCDPSession(p);
      type Node = {
        nodeName: string;
        nodeValue?: string;
        shadowRootType?: string;
        children?: Node[];
        shadowRoots?: Node[];
      };
      const texts = async () => {
        const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: Node };
        const out: { type?: string; text: string }[] = [];
        const text = (n: Node): string =>
          (n.nodeValue ?? '') + [...(n.children ?? []), ...(n.shadowRoots ?? [])].map(text).join('');
        const walk = (n: Node) => {
          if (n.nodeName === 'MOMENTS-BADGE')
            for (const r of n.shadowRoots ?? []) out.push({ type: r.shadowRootType, text: text(r) });
          for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) walk(c);
        };
        walk(root);
        return out;
      };
      await expect.poll(async () => (await texts())[0]?.text, { timeout: 15_000 }).toContain('NPS');
      expect((await texts()).every((t) => t.type === 'closed')).toBe(true);
    } finally {
      await shipped.close();
    }
  });

  it('resolves a follow-up from the overlay, and the server records the agent', async () => {
    const [open_] = (await moments.admin.listFollowUps({ site: site.id, customer: bob.id })).followups;
    expect(open_?.status).toBe('open');
    const p = await open('/agent/tickets/2', 'acme.zendesk.com');
    await settledBadge(p);
    await badges(p).first().click();
    const dialog = p.getByRole('dialog');
    await dialog.getByLabel('Note').first().fill('Called Bob, refund sent');
    await dialog.getByRole('button', { name: 'Resolve' }).first().click();
    await expect.poll(async () => (await moments.admin.getFollowUp(open_!.id)).status).toBe('resolved');
    const f = await moments.admin.getFollowUp(open_!.id);
    expect(f.note).toBe('Called Bob, refund sent');
    expect(f.history?.at(-1)?.actor).toBe(`agent:${agentToken.id}`);
    await expect.poll(() => dialog.textContent()).toContain('None open.');
    await p.close();
  });

  it("leaves the host page's layout, styles and scripts alone, and its CSS cannot hide the badge", async () => {
    const plain = await launchChromium();
    const ref = await (await plain.newContext({ ignoreHTTPSErrors: true })).newPage();
    await ref.goto(at('/agent/tickets/1', '127.0.0.1'));
    const measure = (p: Page) =>
      p.evaluate(() => {
        const el = document.getElementById('layout-probe')!;
        const r = el.getBoundingClientRect();
        return {
          r: [r.x, r.y, r.width, r.height],
          font: getComputedStyle(el).fontFamily,
          color: getComputedStyle(el).color,
        };
      });
    const expected = await measure(ref);
    await plain.close();

    const p = await open('/agent/tickets/1', 'acme.zendesk.com');
    await settledBadge(p);
    expect(await measure(p)).toEqual(expected);
    await p.click('#host-counter');
    expect(await p.textContent('#host-counter')).toBe('Clicked 1');
    expect(await p.evaluate(() => (window as unknown as { hostErrors: string[] }).hostErrors)).toEqual([]);
    // The page hides every button !important and recolours everything: not ours.
    expect(await badges(p).first().isVisible()).toBe(true);
    expect(
      await badges(p)
        .first()
        .evaluate((b) => getComputedStyle(b).color),
    ).not.toBe('rgb(18, 52, 86)');
    await p.close();
  });

  it('shows the last known scores, marked, when the server is down', async () => {
    const { port, dataDir } = moments;
    await moments.stop();
    try {
      const p = await open('/agent/tickets/1', 'acme.zendesk.com');
      await expect.poll(() => badges(p).first().textContent(), { timeout: 15_000 }).toBe('NPS 2');
      expect(await badges(p).first().getAttribute('class')).toContain('stale');
      await badges(p).first().click();
      expect(await p.getByRole('dialog').textContent()).toContain('Offline');
      await p.close();
      // fay was seen before too, and her live update (NPS 4) was cached under her email as well.
      const never = await open('/a/tickets/42', 'acme.freshdesk.com');
      expect(await settledBadge(never)).toBe('NPS 4');
      await never.close();
    } finally {
      moments = await startMoments({ port, dataDir });
    }
  });

  it('says when the token is revoked, with a link to the options', async () => {
    await moments.admin.revokeToken(agentToken.id);
    const p = await open('/a/inbox/abc123/inbox/conversation/77', 'app.intercom.com');
    await expect.poll(() => badges(p).first().textContent(), { timeout: 15_000 }).toBe('token revoked');
    await badges(p).first().click();
    const alert = p.getByRole('alert');
    expect(await alert.textContent()).toContain('revoked');
    await alert.getByRole('button', { name: 'Open Moments options' }).click();
    const optionsUrl = `chrome-extension://${ext.extensionId}/options.html`;
    await expect.poll(() => ext.context.pages().map((x) => x.url())).toContain(optionsUrl);
    await p.close();
  });
});
