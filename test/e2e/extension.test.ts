import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { launchWithExtension } from '../support/extension.js';
import {
  badges,
  type ExtensionSuite,
  HTML_COMMENT,
  pageQuiet,
  settledBadge,
  startExtensionSuite,
} from '../support/extension-suite.js';
import { PEOPLE } from '../support/help-desks.js';
import { ADMIN_TOKEN } from '../support/server.js';

// The extension on the fixture help desks: set up through its options page, then the right
// customer on each, nothing on the agent, support addresses or hidden records, navigation.
const { bob } = PEOPLE;
const shots = join(dirname(fileURLToPath(import.meta.url)), '../artifacts/extension');
mkdirSync(shots, { recursive: true });
let s: ExtensionSuite;

beforeAll(async () => {
  s = await startExtensionSuite();
});

afterAll(async () => {
  await s?.close();
});

describe('the extension on help desk pages', () => {
  it('options: checks the server and token on save, and turns CRMs and other pages on', async () => {
    // The page the install opened, as a new user finds it.
    const options = s.ext.optionsPage!;
    expect(options.url()).toBe(`chrome-extension://${s.ext.extensionId}/options.html`);
    const status = () => options.getByRole('status').first().textContent();
    await options.getByLabel('Moments server').fill('http://127.0.0.1:1');
    await options.getByLabel('Agent token').fill(s.agentToken.token);
    await options.getByRole('button', { name: 'Save and check' }).click();
    await expect.poll(status).toContain('Cannot reach http://127.0.0.1:1');
    await options.getByLabel('Moments server').fill(s.moments.url);
    await options.getByLabel('Agent token').fill('mat_not-a-real-token');
    await options.getByRole('button', { name: 'Save and check' }).click();
    await expect.poll(status).toContain('refused this token');
    // What that check said was of the token before: it goes once the field changes.
    await options.getByLabel('Agent token').fill('');
    await expect.poll(() => options.locator('form [role=status]').count()).toBe(0);
    // The admin token works on the server, but it does not belong in a browser: refused here.
    await options.getByLabel('Agent token').fill(ADMIN_TOKEN);
    await options.getByRole('button', { name: 'Save and check' }).click();
    await expect.poll(status).toContain('This is the admin token');
    await options.getByLabel('Agent token').fill(s.agentToken.token);
    await options.getByRole('button', { name: 'Save and check' }).click();
    await expect.poll(status).toContain('Connected');
    for (const name of ['Zendesk', 'Salesforce Lightning', 'HubSpot', 'Intercom', 'Freshdesk']) {
      const box = options.getByRole('checkbox', { name: new RegExp(`^${name}`) });
      await box.click();
      await expect.poll(() => box.isChecked()).toBe(true);
    }
    await options.getByLabel('Add a page origin').fill(`https://crm.example.test:${s.fixturePort}`);
    await options.getByRole('button', { name: 'Add', exact: true }).click();
    await expect
      .poll(() => options.getByRole('listitem').first().textContent())
      .toContain('https://crm.example.test');
    type Scripting = { getRegisteredContentScripts: () => Promise<{ matches?: string[] }[]> };
    const registered = () =>
      s.ext.worker().evaluate(async () => {
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
      // Kim, a colleague on the domain of the company's shop (GET /v1/me), gets no badge.
      ['/contacts/4455667/objects/0-1/views/all/list', 'app.hubspot.com', ['NPS 10', 'NPS 5']],
      ['/a/inbox/abc123/inbox/conversation/77', 'app.intercom.com', ['NPS 5']],
      ['/a/tickets/42', 'acme.freshdesk.com', ['NPS 8']],
      // The agent in the header, the support address in the footer and a hidden row: no badge.
      ['/accounts', 'crm.example.test', ['NPS 10', 'NPS 5', 'unknown', 'NPS 7']],
    ];
    for (const [path, host, expected] of cases) {
      const p = await s.open(path, host);
      await expect.poll(() => badges(p).count(), { timeout: 15_000 }).toBe(expected.length);
      for (let i = 0; i < expected.length; i++) {
        expect(await settledBadge(p, i), `${host}${path} #${i}`).toBe(expected[i]);
        // A customer Moments does not know yet is grey, not an error's red.
        if (expected[i] === 'unknown')
          expect(await badges(p).nth(i).getAttribute('class')).not.toContain('error');
      }
      await pageQuiet(p); // nothing more appears once the page has settled
      expect(await badges(p).count(), `${host}${path}`).toBe(expected.length);
      await p.close();
    }
  });

  it("honours the agent's own CSS selectors on a generic page", async () => {
    const options = await s.ext.context.newPage();
    await options.goto(`chrome-extension://${s.ext.extensionId}/options.html`);
    await options.getByLabel('CSS selectors naming a customer').fill('li:first-child');
    await options.getByRole('button', { name: 'Save selectors' }).click();
    await expect.poll(() => options.getByRole('status').last().textContent()).toContain('Selectors saved');
    const p = await s.open('/accounts', 'crm.example.test');
    expect(await settledBadge(p)).toBe('NPS 10'); // dan, the first row only
    await pageQuiet(p);
    expect(await badges(p).count()).toBe(1);
    await p.close();
    await options.getByLabel('CSS selectors naming a customer').fill('');
    await options.getByRole('button', { name: 'Save selectors' }).click();
    await options.close();
  });

  it('follows a single-page navigation to the next ticket and Back, and opens the panel by keyboard', async () => {
    const p = await s.open('/agent/tickets/1', 'acme.zendesk.com');
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

  it('while the URL names the next ticket or conversation and the page still shows the last, badges no one; CCs never', async () => {
    const cases = [
      [
        '/agent/tickets/1?traps',
        'acme.zendesk.com',
        'a.next-ticket-slow',
        'NPS 9',
        'Ann Archer',
        'NPS 3',
        'Bob Baker',
      ],
      [
        '/a/inbox/abc123/inbox/conversation/77?traps',
        'app.intercom.com',
        'a.open-next-slow',
        'NPS 5',
        'eve@acme.test',
        'NPS 9',
        'ann@acme.test',
      ],
    ] as const;
    for (const [path, host, slowLink, before, lastOne, after, nextOne] of cases) {
      const p = await s.open(path, host);
      expect(await settledBadge(p), host).toBe(before);
      await pageQuiet(p);
      expect(await badges(p).count(), host).toBe(1); // not the CC'd customer, nor the quoted one
      // Every badge the page gets from now on, with the URL it was drawn under and what it sits in.
      await p.evaluate(() => {
        const w = window as unknown as { drawn: { path: string; at: string }[] };
        w.drawn = [];
        new MutationObserver((records) => {
          for (const r of records)
            for (const n of r.addedNodes)
              if (n.nodeName === 'MOMENTS-BADGE')
                w.drawn.push({ path: location.pathname, at: n.parentElement?.textContent ?? '' });
        }).observe(document, { subtree: true, childList: true });
      });
      await p.click(slowLink);
      // The last one's badge goes as soon as the URL moves on (the page follows 1.5 s later).
      await expect.poll(() => badges(p).count(), { timeout: 1200 }).toBe(0);
      await expect.poll(() => badges(p).first().textContent(), { timeout: 10_000 }).toBe(after);
      const drawn = await p.evaluate(
        () => (window as unknown as { drawn: { path: string; at: string }[] }).drawn,
      );
      expect(drawn.length, host).toBeGreaterThan(0);
      for (const d of drawn) {
        expect(d.at, `${host} ${d.path}`).not.toContain(lastOne);
        expect(d.at, `${host} ${d.path}`).toContain(nextOne);
      }
      expect(await badges(p).count(), host).toBe(1);
      await p.close();
    }
  });

  it('keeps one panel open at a time, closed by a click outside it', async () => {
    const p = await s.open('/agent/filters/360', 'acme.zendesk.com');
    await expect.poll(() => badges(p).count(), { timeout: 15_000 }).toBe(3);
    await settledBadge(p, 1);
    // The second row's panel opens below it; the first row's badge, above, stays in reach.
    await badges(p).nth(1).click();
    await p.getByRole('dialog').first().waitFor();
    // Another customer's panel replaces it: a Resolve never lands on the wrong one.
    await badges(p).nth(0).click();
    await expect.poll(() => p.getByRole('dialog').count()).toBe(1);
    await p.mouse.click(2, 2);
    await expect.poll(() => p.getByRole('dialog').count()).toBe(0);
    await p.close();
  });

  it('on a phone, opens the panel beside its badge without covering it', async () => {
    for (const [path, host] of [
      ['/agent/tickets/1', 'acme.zendesk.com'],
      ['/a/tickets/42', 'acme.freshdesk.com'],
    ] as const) {
      const p = await s.open(path, host);
      await p.setViewportSize({ width: 390, height: 700 });
      await settledBadge(p);
      await badges(p).first().click();
      const dialog = p.getByRole('dialog').first();
      await dialog.waitFor();
      const [b, d] = [(await badges(p).first().boundingBox())!, (await dialog.boundingBox())!];
      const overlaps =
        b.x < d.x + d.width && d.x < b.x + b.width && b.y < d.y + d.height && d.y < b.y + b.height;
      expect(overlaps, `${host}${path}`).toBe(false);
      expect(d.y + d.height, `${host}${path}`).toBeLessThanOrEqual(700);
      await p.screenshot({ path: join(shots, `panel-390-${host}.png`) });
      await p.close();
    }
  });

  it('shows a comment holding HTML as text', async () => {
    const p = await s.open('/agent/tickets/2', 'acme.zendesk.com');
    await settledBadge(p);
    await badges(p).first().click();
    const comment = p.locator('moments-badge li.comment').first();
    expect(await comment.textContent()).toContain(HTML_COMMENT);
    await p.screenshot({ path: join(shots, 'zendesk-panel.png') });
    expect(await p.locator('moments-badge img').count()).toBe(0);
    expect(await p.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    await p.close();
  });

  it("leaves the host page's layout, styles and scripts alone, and its CSS cannot hide the badge", async () => {
    const plain = await launchChromium();
    const ref = await (await plain.newContext({ ignoreHTTPSErrors: true })).newPage();
    await ref.goto(s.at('/agent/tickets/1', '127.0.0.1'));
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

    const p = await s.open('/agent/tickets/1', 'acme.zendesk.com');
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
          serverUrl: s.moments.url,
          token: s.agentToken.token,
          enabledSites: [],
          customOrigins: [`https://crm.example.test:${s.fixturePort}`],
          selectors: [],
          agentEmails: [],
          companyDomains: [],
        },
      );
      const p = await shipped.context.newPage();
      await expect
        .poll(
          async () => {
            await p.goto(s.at('/accounts', 'crm.example.test'));
            await pageQuiet(p);
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
});
