import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findTablePartsWithoutRole, useDashboardSuite } from '../support/dashboard.js';

/** Screenshots for a person to look at, at both widths. */
const shots = join(dirname(fileURLToPath(import.meta.url)), '../artifacts/dashboard-phone');
mkdirSync(shots, { recursive: true });

const dash = useDashboardSuite({ width: 390, height: 860 });
const { openView } = dash;

async function shoot(width: number, name: string, fullPage = true) {
  await dash.page.screenshot({ path: join(shots, `${width}-${name}.png`), fullPage });
}

const TABLE_VIEWS: [string, string, string][] = [
  ['/journey', 'Journey', 'journey'],
  ['/rankings', 'Rankings and movers', 'rankings'],
  ['/drivers', 'Drivers', 'drivers'],
  ['/value', 'Value', 'value'],
  ['/customers', 'Customers', 'customers'],
  ['/surveys', 'Surveys', 'surveys'],
];

describe('the dashboard on a phone', () => {
  it('shows every table cell on screen at 390 px, each value named by its column, still a table to a screen reader', async () => {
    await dash.page.setViewportSize({ width: 390, height: 860 });
    const cdp = await dash.context.newCDPSession(dash.page);
    for (const [path, heading, name] of TABLE_VIEWS) {
      await openView(path, heading);
      await shoot(390, name);
      const cells = dash.page.locator('main table.table :is(th, td)');
      expect(await cells.count(), `${path} has tables`).toBeGreaterThan(0);
      const off = await cells.evaluateAll((els) =>
        els.flatMap((e) => {
          const r = e.getBoundingClientRect();
          // The visually hidden header row is 1 px wide and clipped: it is for screen readers.
          if (r.width <= 1) return [];
          return r.left < 0 || r.right > window.innerWidth + 0.5
            ? [`${e.textContent?.trim().slice(0, 30)} (${Math.round(r.left)} to ${Math.round(r.right)})`]
            : [];
        }),
      );
      expect(off, `cells off screen on ${path}`).toEqual([]);
      // Nothing in the view scrolls sideways: no hidden column behind a box's edge.
      const scrolling = await dash.page.evaluate(() =>
        [...document.querySelectorAll('main *')].flatMap((e) => {
          const { overflowX } = getComputedStyle(e);
          return /auto|scroll/.test(overflowX) && e.scrollWidth > e.clientWidth + 1
            ? [`${e.tagName}.${e.className} ${e.scrollWidth} > ${e.clientWidth}`]
            : [];
        }),
      );
      expect(scrolling, `sideways scrolling on ${path}`).toEqual([]);
      // Each value is shown beside its column's name, the same words as the header.
      const labels = await dash.page.evaluate(() =>
        [...document.querySelectorAll('main table.table')].flatMap((t) => {
          const heads = [...t.querySelectorAll('thead th')].map(
            (h) => h.getAttribute('aria-label') ?? h.textContent!.replace(/\s+/g, ' ').trim(),
          );
          const visible = [...t.querySelectorAll('thead th')].map((h) => !h.querySelector('.sr-only'));
          return [...t.querySelectorAll('tbody tr')].flatMap((tr) =>
            [...tr.children].flatMap((c, i) => {
              if (c.tagName === 'TH' || !visible[i]) return [];
              const label = c.getAttribute('data-label');
              return label === heads[i] ? [] : [`column ${heads[i]} labelled ${label}`];
            }),
          );
        }),
      );
      expect([...new Set(labels)], `unlabelled cells on ${path}`).toEqual([]);
      // Chromium still exposes a table with its headers and cells, whatever the CSS display.
      const want = await dash.page.evaluate(() => ({
        tables: document.querySelectorAll('main table.table').length,
        columnheader: document.querySelectorAll('main table.table th[scope=col]').length,
        rowheader: document.querySelectorAll('main table.table th[scope=row]').length,
        cell: document.querySelectorAll('main table.table td').length,
        row: document.querySelectorAll('main table.table tr').length,
        captions: [...document.querySelectorAll('main table.table > caption')].map((c) =>
          c.textContent!.replace(/\s+/g, ' ').trim(),
        ),
      }));
      const { nodes } = await cdp.send('Accessibility.getFullAXTree');
      const count = (...roles: string[]) =>
        nodes.filter((n) => !n.ignored && roles.includes(String(n.role?.value))).length;
      expect(count('table'), `tables on ${path}`).toBeGreaterThanOrEqual(want.tables);
      expect(count('columnheader'), `column headers on ${path}`).toBeGreaterThanOrEqual(want.columnheader);
      expect(count('rowheader'), `row headers on ${path}`).toBeGreaterThanOrEqual(want.rowheader);
      expect(count('cell', 'gridcell'), `cells on ${path}`).toBeGreaterThanOrEqual(want.cell);
      expect(count('row'), `rows on ${path}`).toBeGreaterThanOrEqual(want.row);
      // Each table keeps its caption as its name.
      const tableNames = nodes
        .filter((n) => !n.ignored && n.role?.value === 'table')
        .map((n) => String(n.name?.value ?? '').replace(/\s+/g, ' '));
      for (const caption of want.captions)
        expect(tableNames, `a table named "${caption}" on ${path}`).toContain(caption);
      // WebKit (Safari) drops a table's implicit roles once CSS displays its parts as blocks:
      // every part of a stacked table states its role.
      const unstated = await findTablePartsWithoutRole(dash.page);
      expect(unstated, `table parts without their role on ${path}`).toEqual([]);
    }
    await cdp.detach();
  });

  it('keeps the tables as tables at 1280 px', async () => {
    await dash.page.setViewportSize({ width: 1280, height: 900 });
    for (const [path, heading, name] of TABLE_VIEWS) {
      await openView(path, heading);
      await shoot(1280, name);
      const displays = await dash.page
        .locator('main table.table')
        .evaluateAll((ts) => ts.map((t) => getComputedStyle(t).display));
      expect(new Set(displays), path).toEqual(new Set(['table']));
      const head = dash.page.locator('main table.table thead').first();
      expect((await head.boundingBox())!.height, `${path} header row shown`).toBeGreaterThan(10);
    }
  });

  it('folds the menu behind a Menu button on a phone: little room at the top, every item reached by keyboard, 44 px tall', async () => {
    const focused = () =>
      dash.page.evaluate(() => ({
        text: document.activeElement?.textContent?.trim(),
        id: document.activeElement?.id,
      }));
    for (const [width, height] of [
      [390, 860],
      [320, 640],
    ] as const) {
      await dash.page.setViewportSize({ width, height });
      await openView('/journey', 'Journey');
      const toggle = dash.page.getByRole('button', { name: 'Menu' });
      const links = dash.page.locator('nav a');
      // Folded: the page starts close to the top, not under a block of menu lines.
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      expect(await toggle.getAttribute('aria-controls')).toBe('nav-list');
      expect((await toggle.boundingBox())!.height, `Menu button at ${width}px`).toBeGreaterThanOrEqual(44);
      expect(await links.first().isVisible()).toBe(false);
      const h1 = (await dash.page.getByRole('heading', { level: 1 }).boundingBox())!;
      expect(h1.y, `the page's heading at ${width}px`).toBeLessThanOrEqual(200);
      await shoot(width, 'menu', false);
      // By keyboard: Tab to the button, Enter opens it, Tab walks every item in order.
      await dash.page.locator('.top button').focus();
      await dash.page.keyboard.press('Tab');
      expect((await focused()).text).toContain('Menu');
      await dash.page.keyboard.press('Enter');
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      await shoot(width, 'menu-open', false);
      const items = await links.evaluateAll((as) =>
        as.map((a) => {
          const r = a.getBoundingClientRect();
          return { name: a.textContent, left: r.left, right: r.right, bottom: r.bottom, height: r.height };
        }),
      );
      expect(items.length).toBe(12);
      for (const i of items) {
        expect(i.left, `${i.name} at ${width}px`).toBeGreaterThanOrEqual(0);
        expect(i.right, `${i.name} at ${width}px`).toBeLessThanOrEqual(width);
        expect(i.bottom, `${i.name} below the first screen at ${width}px`).toBeLessThanOrEqual(height);
        expect(i.height, `${i.name} tap target at ${width}px`).toBeGreaterThanOrEqual(44);
      }
      for (const i of items) {
        await dash.page.keyboard.press('Tab');
        expect((await focused()).text, `Tab to ${i.name} at ${width}px`).toBe(i.name);
      }
      // Escape folds it and gives focus back to the button.
      await dash.page.keyboard.press('Escape');
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      expect((await focused()).text).toContain('Menu');
      // A choice opens the page, folds the menu, and focus goes on to the page (not lost with the list).
      await dash.page.keyboard.press('Space');
      await dash.page.getByRole('navigation').getByRole('link', { name: 'Value' }).focus();
      await dash.page.keyboard.press('Enter');
      await dash.page.getByRole('heading', { level: 1, name: 'Value' }).waitFor();
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      expect((await focused()).id).toBe('main');
      // ...at its top: the page's heading in view (focus taken while the list was open left it
      // ~360 px down, the heading, filters and Menu button above the screen).
      await expect.poll(() => dash.page.evaluate(() => scrollY)).toBe(0);
      const valueH1 = (await dash.page.getByRole('heading', { level: 1, name: 'Value' }).boundingBox())!;
      expect(valueH1.y, `Value's heading at ${width}px`).toBeGreaterThanOrEqual(0);
      expect(valueH1.y, `Value's heading at ${width}px`).toBeLessThanOrEqual(200);
    }
    await dash.page.setViewportSize({ width: 1280, height: 900 });
    await openView('/journey', 'Journey');
    await shoot(1280, 'menu', false);
    // Wide: no button, every item shown.
    expect(await dash.page.getByRole('button', { name: 'Menu' }).isVisible()).toBe(false);
    expect(
      await dash.page.locator('nav a').evaluateAll((as) => as.filter((a) => a.checkVisibility()).length),
    ).toBe(12);
  });

  it('gives links and toggles a finger-sized target on a phone', async () => {
    const heights = (selector: string) =>
      dash.page.locator(selector).evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
    await dash.page.setViewportSize({ width: 390, height: 860 });
    await openView('/followups', 'Follow-ups');
    await shoot(390, 'followups', false);
    const links = await heights('.followup-head a');
    const toggles = await heights('.followup summary');
    expect(links.length).toBeGreaterThan(0);
    expect(Math.min(...links), 'follow-up customer links').toBeGreaterThanOrEqual(24);
    expect(Math.min(...toggles), 'follow-up toggles').toBeGreaterThanOrEqual(44);
    await openView('/customers', 'Customers');
    await dash.page.getByTestId('customer-list').scrollIntoViewIfNeeded();
    await shoot(390, 'customers-first-rows', false);
    const customers = await heights('[data-testid=customer-list] tbody th a');
    expect(Math.min(...customers), 'customer links').toBeGreaterThanOrEqual(24);
    await dash.page.setViewportSize({ width: 1280, height: 900 });
    await openView('/followups', 'Follow-ups');
    await shoot(1280, 'followups', false);
  });

  it('keeps the survey preview inside its box', async () => {
    for (const width of [390, 1280]) {
      await dash.page.setViewportSize({ width, height: 860 });
      await openView('/surveys/checkout-nps', 'After checkout');
      const card = dash.page.locator('[data-testid=survey-preview] .card');
      await card.waitFor();
      await card.scrollIntoViewIfNeeded();
      const box = (await dash.page.locator('.editor-preview').boundingBox())!;
      const c = (await card.boundingBox())!;
      expect(c.x, `preview at ${width}px`).toBeGreaterThanOrEqual(box.x);
      expect(c.x + c.width, `preview at ${width}px`).toBeLessThanOrEqual(box.x + box.width);
      await dash.page
        .locator('.editor-preview')
        .screenshot({ path: join(shots, `${width}-survey-preview.png`) });
    }
  });

  it('keeps each checkbox on its label’s line, and the survey editor’s "Add a question" row clear of the boxes around it, at 390 px as at 1280 px', async () => {
    type Box = { top: number; bottom: number; left: number; right: number; middle: number };
    const box = (selector: string) =>
      dash.page
        .locator(selector)
        .first()
        .evaluate((e): Box => {
          const r = e.getBoundingClientRect();
          return {
            top: r.top,
            bottom: r.bottom,
            left: r.left,
            right: r.right,
            middle: (r.top + r.bottom) / 2,
          };
        });
    /** A checkbox and its label side by side on one line, neither over the other. */
    const sameLine = async (id: string, where: string) => {
      const [label, input] = [await box(`label[for="${id}"]`), await box(`#${id}`)];
      expect(Math.abs(label.middle - input.middle), `${where}: box and label on one line`).toBeLessThan(4);
      expect(
        input.right <= label.left || label.right <= input.left,
        `${where}: box beside its label, not over it`,
      ).toBe(true);
    };
    for (const width of [390, 1280]) {
      await dash.page.setViewportSize({ width, height: 860 });
      await openView('/settings', 'Settings');
      await dash.page.locator('#st-signed').scrollIntoViewIfNeeded();
      await sameLine('st-signed', `Settings at ${width}px`);
      // The next group starts clear of it (its legend was touching the box on a phone).
      const signed = await box('#st-signed');
      const policy = await box('fieldset:has(legend:text-is("Contact policy"))');
      expect(policy.top - signed.bottom, `room under the checkbox at ${width}px`).toBeGreaterThanOrEqual(12);
      await dash.page.screenshot({
        path: join(shots, `${width}-settings-signed.png`),
        clip: { x: 0, y: Math.max(0, signed.top - 160), width, height: 320 },
      });

      await openView('/surveys/checkout-nps', 'After checkout');
      await dash.page.locator('#q0-req').scrollIntoViewIfNeeded();
      await sameLine('q0-req', `the first question's Required at ${width}px`);
      const required = await box('#q0-req');
      await dash.page.screenshot({
        path: join(shots, `${width}-survey-required.png`),
        clip: { x: 0, y: Math.max(0, required.top - 100), width, height: 200 },
      });
      const row = dash.page.locator('.add-question');
      await row.scrollIntoViewIfNeeded();
      const buttons = await row
        .locator('button')
        .evaluateAll((els) =>
          els.map((e) => e.getBoundingClientRect()).map((r) => ({ top: r.top, bottom: r.bottom })),
        );
      const translations = await box('fieldset:has(legend:text-is("Translations"))');
      const lastQuestion = await box(
        'fieldset:has(legend:text-is("Translations")) >> xpath=preceding-sibling::fieldset[1]',
      );
      const rowTop = Math.min(...buttons.map((b) => b.top));
      const rowBottom = Math.max(...buttons.map((b) => b.bottom));
      expect(
        translations.top - rowBottom,
        `room under "Add a question" at ${width}px`,
      ).toBeGreaterThanOrEqual(12);
      expect(rowTop - lastQuestion.bottom, `room over "Add a question" at ${width}px`).toBeGreaterThanOrEqual(
        8,
      );
      // The wrapped buttons keep apart from each other too.
      const lines = [...new Set(buttons.map((b) => Math.round(b.top)))].sort((a, b) => a - b);
      for (let i = 1; i < lines.length; i++)
        expect(lines[i]! - lines[i - 1]!, `rows of buttons at ${width}px`).toBeGreaterThan(
          buttons[0]!.bottom - buttons[0]!.top,
        );
      await dash.page.screenshot({
        path: join(shots, `${width}-survey-add-question.png`),
        clip: { x: 0, y: Math.max(0, rowTop - 120), width, height: rowBottom - rowTop + 240 },
      });
    }
  });

  it('keeps the customer import’s file field inside its card, at 390 px as at 1280 px', async () => {
    for (const width of [390, 320, 1280]) {
      await dash.page.setViewportSize({ width, height: 860 });
      await openView('/customers', 'Customers');
      const input = dash.page.getByLabel('CSV file');
      await input.scrollIntoViewIfNeeded();
      const inside = await input.evaluate((e) => {
        const card = e.closest('.card')!;
        const pad = Number.parseFloat(getComputedStyle(card).paddingRight);
        const c = card.getBoundingClientRect();
        const r = e.getBoundingClientRect();
        return { left: r.left >= c.left, right: Math.round(r.right - (c.right - pad)) };
      });
      expect(inside.left, `file field's left at ${width}px`).toBe(true);
      expect(inside.right, `file field past its card's padding at ${width}px (px)`).toBeLessThanOrEqual(0);
      await dash.page
        .locator('.card', { has: input })
        .screenshot({ path: join(shots, `${width}-customer-import.png`) });
    }
  });
});
