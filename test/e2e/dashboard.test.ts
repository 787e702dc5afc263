import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { findTablePartsWithoutRole, useDashboardSuite } from '../support/dashboard.js';
import { ADMIN_TOKEN } from '../support/server.js';
import { survey } from '../support/survey.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** Screenshots for a person to look at (kept by CI as artifacts). */
const shots = join(dirname(fileURLToPath(import.meta.url)), '../artifacts/dashboard');
mkdirSync(shots, { recursive: true });

// Each test starts signed in, whatever ran before it; the sign-in test itself signs out first.
const dash = useDashboardSuite({ width: 1280, height: 900 });
const { openView } = dash;
const problems: string[] = [];

/** The dashboard's own period: the 90 days to today (its default). */
const DAY = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);
const period = { from: isoDay(Date.now() - 89 * DAY), to: isoDay(Date.now()) };

async function audit(): Promise<string[]> {
  await dash.page.evaluate(axeSource);
  return dash.page.evaluate(async () => {
    type Violation = { id: string; help: string; nodes: { target: string[] }[] };
    const axe = (window as unknown as { axe: { run: () => Promise<{ violations: Violation[] }> } }).axe;
    const r = await axe.run();
    return r.violations.map(
      (v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  });
}

// The suite's page is open by now: what it logs from here on.
beforeAll(() => {
  dash.page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  dash.page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
});

describe('the dashboard over `pnpm demo`', () => {
  it('refuses a wrong token, then signs in with the admin token into an HttpOnly session', async () => {
    await dash.context.clearCookies();
    await dash.page.goto(`${dash.moments.url}/app`);
    await dash.page.getByLabel('Admin token').fill('wrong-token');
    await dash.page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => dash.page.getByRole('alert').textContent()).toContain('not the admin token');
    await dash.page.getByLabel('Admin token').fill(ADMIN_TOKEN);
    await dash.page.getByRole('button', { name: 'Sign in' }).click();
    await dash.page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    const cookie = (await dash.context.cookies()).find((c) => c.name === 'moments_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(await dash.page.evaluate(() => document.cookie)).not.toContain('moments_session');
    problems.length = 0; // the refused sign-in logs its 401
  });

  it('shows real numbers on the overview, the same as the API', async () => {
    await openView('', 'Overview');
    const summary = await dash.moments.admin.getSummary('site_demo', period);
    const nps = dash.page.locator('.stat', { hasText: 'NPS' }).first();
    expect(await nps.locator('.stat-value').textContent()).toBe(String(Math.round(summary.nps.score!)));
    expect(await nps.textContent()).toContain(`n = ${summary.nps.n.toLocaleString('en-US')}`);
    // CES as the widget asks it (CES 2.0): the same mean, read as higher is easier.
    const ces = dash.page.locator('.stat', { hasText: 'CES' }).first();
    expect(await ces.locator('.stat-label').textContent()).toContain('higher is easier');
    expect(await ces.locator('.stat-value').textContent()).toBe(summary.ces.mean!.toFixed(2));
    await dash.page.locator('.chart canvas').first().waitFor();
    // The demo's weekly CES rests on a few answers a week: the trend says so rather than pretend.
    const weekly = await dash.moments.admin.getTimeseries('site_demo', {
      ...period,
      metric: 'ces',
      interval: 'week',
    });
    expect(weekly.points.some((p) => p.insufficient && p.n > 0)).toBe(true);
    await dash.page.getByRole('radio', { name: 'CES' }).check();
    await expect
      .poll(() => dash.page.locator('.chart figcaption').allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining('fewer answers than this site asks for')]));
    await dash.page.getByRole('radio', { name: 'NPS' }).check();
    await dash.page.screenshot({ path: join(shots, 'overview.png'), fullPage: true });

    // A year back: the card compares with the year before, or says there is nothing to compare with.
    await dash.page.getByLabel('Period').selectOption('365d');
    const day = 86_400_000;
    const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
    const before = await dash.moments.admin.getSummary('site_demo', {
      from: iso(Date.now() - 729 * day),
      to: iso(Date.now() - 365 * day),
    });
    await expect
      .poll(() => nps.textContent())
      .toContain(before.nps.n ? 'vs previous period' : 'No answers in the period before to compare with');
    await dash.page.getByLabel('Period').selectOption('90d');
  });

  it('answers the four questions from the dashboard alone', async () => {
    // Which moment hurts most?
    await openView('/journey', 'Journey');
    const journey = await dash.moments.admin.getJourney('site_demo', period);
    // Cancelling is unhappy by construction: never the one that "hurts most".
    const worst = journey.moments
      .filter((m) => !m.exit && m.bands.length && m.n >= 30)
      .sort((a, b) => b.bands[2]!.share! - a.bands[2]!.share!)[0]!;
    const hurts = await dash.page.getByTestId('hurts-most').textContent();
    expect(hurts).toContain(
      `Hurts most: ${worst.moment.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase())}`,
    );
    expect(hurts).not.toContain('Hurts most: Cancel started');
    // Going on to cancel is a loss, said in words beside the red bars.
    const toCancel = journey.moments.find((m) => m.next === 'cancel_started')!;
    expect(toCancel.nextIsExit).toBe(true);
    const lossTable = dash.page.locator('table', { hasText: 'Went on to Cancel started' });
    expect(await lossTable.locator('caption').textContent()).toContain('a loss');
    expect(await lossTable.locator('.bar-fill.loss').count()).toBe(toCancel.conversion.length);
    await dash.page.screenshot({ path: join(shots, 'journey.png'), fullPage: true });

    // Which driver to fix first?
    await openView('/drivers', 'Drivers');
    const drivers = await dash.moments.admin.getDrivers('site_demo', { ...period, surveyId: 'checkout-nps' });
    const fix = drivers.drivers.find((d) => d.quadrant === 'fix first')!;
    const fixFirst = await dash.page.getByTestId('fix-first').textContent();
    expect(fixFirst).toContain(`Fix first: ${fix.driver.charAt(0).toUpperCase()}${fix.driver.slice(1)}`);
    // The mean it names is the driver's own, set against the other drivers'.
    expect(fixFirst).toContain(
      `scores below the average driver (its mean ${fix.mean!.toFixed(2)} of ${fix.scale})`,
    );
    await expect.poll(() => dash.page.locator('svg.quadrant circle').count()).toBe(drivers.drivers.length);
    await dash.page.screenshot({ path: join(shots, 'drivers.png'), fullPage: true });

    // How much revenue sits with detractors?
    await openView('/value', 'Value');
    const value = await dash.moments.admin.getValue('site_demo', period);
    const detractors = value.bands.find((b) => b.band === 'detractor')!;
    const money = (x: number) =>
      x.toLocaleString('en-US', { style: 'currency', currency: value.currency, maximumFractionDigits: 0 });
    expect(await dash.page.getByTestId('revenue-at-risk').textContent()).toContain(
      `${money(value.revenueAtRisk.detractors)} with detractors`,
    );
    const card = (await dash.page.locator('.stat', { hasText: "Detractors' MRR" }).textContent())!;
    expect(card).toContain(money(detractors.mrr));
    // The churn column is a share of the band, not a monthly rate, which the CLV note's retention is.
    expect(await dash.page.getByTestId('value-method').textContent()).toMatch(
      /Churn rate: the share of the band's customers who have churned, not a monthly rate/,
    );
    // The card counts detractors who churned since, the banner only those still customers: it says so.
    expect(card).toContain(`${money(value.revenueAtRisk.detractors)} of it with those still customers`);
    await dash.page.screenshot({ path: join(shots, 'value.png'), fullPage: true });

    // A survey's results give each score question its score as the reports do, not only a mean.
    await openView('/surveys/checkout-nps/results', 'Results: After checkout');
    const results = await dash.moments.admin.getSurveyResults('site_demo', {
      surveyId: 'checkout-nps',
      ...period,
    });
    const npsQuestion = results.questions.find((q) => q.type === 'nps')!;
    expect(npsQuestion.nps?.n).toBe(npsQuestion.n);
    expect(await dash.page.locator('.question-score').first().textContent()).toContain(
      `NPS ${Math.round(npsQuestion.nps!.score!)}`,
    );

    // Which team improved most this month?
    await openView('/rankings', 'Rankings and movers');
    const movers = await dash.moments.admin.getMovers('site_demo', {
      by: 'team',
      metric: 'csat',
      interval: 'month',
    });
    expect(movers.improved.length).toBeGreaterThan(0);
    const first = dash.page
      .getByTestId('movers')
      .locator('.card', { hasText: 'Most improved' })
      .locator('li')
      .first();
    expect(await first.textContent()).toContain(movers.improved[0]!.key);
    // The control says what is compared: rolling days, not calendar months (1-30 Nov against 2-31 Oct).
    const span = dash.page.getByRole('combobox', { name: /^The last .* against as many days before$/ });
    expect(await span.locator('option:checked').textContent()).toBe('30 days');
    expect(Math.round((Date.parse(movers.current.to) - Date.parse(movers.current.from)) / 86_400_000)).toBe(
      30,
    );
    // Most improved lists any rise; when none is beyond the noise the card says so.
    const improvedCard = dash.page.getByTestId('movers').locator('.card', { hasText: 'Most improved' });
    expect(await improvedCard.getByText('Every rise here is within the noise').count()).toBe(
      movers.improved.every((g) => !g.change?.significant) ? 1 : 0,
    );
    // CSAT reads as the share satisfied here as on the overview: 63%, not 63.
    const firstRanked = dash.page.locator('table.table tbody tr').first();
    expect(await firstRanked.locator('td').nth(1).textContent()).toMatch(/^\d+%$/);
    await dash.page.screenshot({ path: join(shots, 'rankings.png'), fullPage: true });
  });

  it('renders every view with no horizontal overflow, console error or axe-core violation, at laptop and phone widths', async () => {
    const profile = (await dash.moments.admin.listCustomers('site_demo', { risk: 'high', limit: 1 }))
      .customers[0]!;
    const views: [string, string][] = [
      ['', 'Overview'],
      ['/journey', 'Journey'],
      ['/responses', 'Responses'],
      ['/rankings', 'Rankings and movers'],
      ['/drivers', 'Drivers'],
      ['/value', 'Value'],
      ['/themes', 'Themes'],
      ['/followups', 'Follow-ups'],
      ['/surveys', 'Surveys'],
      ['/surveys/checkout-nps', 'After checkout'],
      ['/surveys/checkout-nps/results', 'Results: After checkout'],
      ['/customers', 'Customers'],
      [`/customers/${profile.id}`, profile.name ?? profile.email ?? profile.id],
      [`/audience?customer=${profile.id}`, 'Who sees what'],
      ['/settings', 'Settings'],
    ];
    for (const width of [1280, 390]) {
      await dash.page.setViewportSize({ width, height: 860 });
      for (const [path, heading] of views) {
        await openView(path, heading);
        expect(await dash.page.locator('.state.error').count(), `${path} shows an error`).toBe(0);
        const overflow = await dash.page.evaluate(() => ({
          scroll: document.scrollingElement!.scrollWidth,
          inner: window.innerWidth,
        }));
        expect(overflow.scroll, `${path || '/'} is wider than ${width}px`).toBeLessThanOrEqual(
          overflow.inner,
        );
        // Every caption reads whole inside its box (a table may scroll sideways; its caption does not).
        const cutCaptions = await dash.page.evaluate(() =>
          [...document.querySelectorAll('.table-scroll')].flatMap((box) => {
            const cap = box.querySelector(':scope > table > caption:not(.sr-only)');
            if (!cap) return [];
            const b = box.getBoundingClientRect();
            const c = cap.getBoundingClientRect();
            return c.left < b.left - 1 || c.right > b.right + 1 ? [cap.textContent] : [];
          }),
        );
        expect(cutCaptions, `captions cut off on ${path || '/'} at ${width}px`).toEqual([]);
        if (path === '/surveys') {
          // Each survey's buttons are on screen, with no sideways scrolling of the page or the table.
          const actions = dash.page
            .locator('.table')
            .getByRole('button')
            .or(dash.page.locator('.table a.button'));
          expect(await actions.count()).toBeGreaterThanOrEqual(8);
          for (const box of await actions.evaluateAll((els) =>
            els.map((e) => {
              const r = e.getBoundingClientRect();
              const scroller = e.closest('.table-scroll')!.getBoundingClientRect();
              return { left: r.left, right: r.right, boxRight: scroller.right, name: e.textContent };
            }),
          )) {
            expect(box.left, `${box.name} at ${width}px`).toBeGreaterThanOrEqual(0);
            expect(box.right, `${box.name} at ${width}px`).toBeLessThanOrEqual(Math.min(width, box.boxRight));
          }
        }
        expect(await audit(), `axe on ${path || '/'} at ${width}px`).toEqual([]);
        const name = path.startsWith('/customers/')
          ? 'customer-profile'
          : path.slice(1).replace(/\?.*/, '').replace(/\//g, '-') || 'overview';
        await dash.page.screenshot({ path: join(shots, `${width}-${name}.png`), fullPage: true });
      }
    }
    await dash.page.setViewportSize({ width: 1280, height: 900 });
    const themes = await dash.moments.admin.getThemes('site_demo', period);
    await openView('/themes', 'Themes');
    expect(await dash.page.locator('.themes h2').first().textContent()).toBe(themes.themes[0]!.theme);
    // Each average says how many answers it rests on (an average of 0.0 from one answer read as a verdict).
    const top = themes.themes[0]!;
    const scores = await dash.page.locator('.themes li.card p.small').first().textContent();
    if (top.meanNps != null) expect(scores).toMatch(/NPS answer [\d.]+ of 10 \(\d+ answers?\)/);
    if (top.meanCsat != null) expect(scores).toMatch(/CSAT [\d.]+ of 5 \(\d+ answers?\)/);
    expect(problems).toEqual([]);
  });

  it('reads what detractors at checkout wrote, opens one, and sees that customer with their history and value', async () => {
    const want = await dash.moments.admin.listResponses('site_demo', {
      ...period,
      moment: 'checkout_completed',
      band: 'detractor',
      hasComment: true,
      limit: 50,
    });
    expect(want.responses.length).toBeGreaterThan(0);
    await openView('/responses', 'Responses');
    await dash.page.getByLabel('Moment').selectOption('checkout_completed');
    await dash.page.getByLabel('Score').selectOption('detractor');
    await dash.page.getByLabel('With a comment').check();
    await expect
      .poll(() => dash.page.locator('article.response').first().getAttribute('data-response'))
      .toBe(want.responses[0]!.id);
    expect(await dash.page.locator('article.response').count()).toBe(want.responses.length);
    expect(new URL(dash.page.url()).search).toContain('band=detractor');
    const first = want.responses.find((r) => r.customer)!;
    const card = dash.page.locator(`article[data-response="${first.id}"]`);
    const comment = first.answers.find((a) => a.type === 'text')!.value as string;
    expect(await card.textContent()).toContain(comment);
    await card.getByRole('link').first().click();
    const lookup = await dash.moments.admin.lookupCustomer({ id: first.customer!.id, site: 'site_demo' });
    await dash.page
      .getByRole('heading', {
        level: 1,
        name: lookup.customer.name ?? lookup.customer.email ?? lookup.customer.id,
      })
      .waitFor();
    await expect.poll(() => dash.page.locator('article.response').count()).toBeGreaterThan(0);
    expect(await dash.page.locator('main').textContent()).toContain(comment);
    expect(await dash.page.locator('.facts').textContent()).toContain('Revenue so far');
    await dash.page.screenshot({ path: join(shots, 'customer-profile.png'), fullPage: true });

    // Their responses in the Responses view: the filter names them by email, not by id.
    await dash.page.getByRole('link', { name: 'Their responses in the Responses view' }).click();
    const chip = dash.page.getByRole('button', { name: "Show every customer's responses" });
    await expect.poll(() => chip.textContent()).toContain(lookup.customer.email ?? lookup.customer.id);
    await dash.page.goBack();
    await dash.page.getByRole('link', { name: 'Which surveys would they see now, and why not?' }).waitFor();

    // Why would this customer not be surveyed today?
    await dash.page.getByRole('link', { name: 'Which surveys would they see now, and why not?' }).click();
    await dash.page.getByRole('heading', { level: 1, name: 'Who sees what' }).waitFor();
    const audience = await dash.moments.admin.explainAudience('site_demo', { customer: first.customer!.id });
    const held = audience.moments.flatMap((m) => m.surveys).find((s) => !s.shows)!;
    const item = dash.page.locator(`li[data-survey="${held.surveyId}"]`);
    await expect.poll(() => item.textContent()).toContain(held.reasons[0]!);
    expect(await item.textContent()).toContain('Not now');
  });

  it('is usable by keyboard alone: skip link, menu, and views reached with Tab and Enter', async () => {
    await openView('', 'Overview');
    await dash.page.keyboard.press('Tab');
    expect(await dash.page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    const nav = dash.page.getByRole('navigation', { name: 'Dashboard' });
    await nav.getByRole('link', { name: 'Value' }).focus();
    await dash.page.keyboard.press('Enter');
    await dash.page.getByRole('heading', { level: 1, name: 'Value' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Value' }).getAttribute('aria-current')).toBe('page');
  });

  it('creates a survey with a live preview and shows it on the demo shop', async () => {
    await openView('/surveys/new', 'New survey');
    await dash.page.getByLabel('Name').fill('Delivery pulse');
    await dash.page.getByLabel('Id (optional)').fill('delivery-pulse');
    await dash.page.getByLabel('Moment').fill('checkout_completed');
    await dash.page.getByLabel('Status').selectOption('active');
    await dash.page.getByLabel('Priority (higher wins)').fill('500');
    await dash.page.locator('#q0-text').fill('Did your parcel arrive on time?');
    // The preview is the widget's own card, redrawn as the text changes.
    await expect
      .poll(() => dash.page.getByTestId('survey-preview').getByRole('heading').first().textContent())
      .toBe('Did your parcel arrive on time?');
    await dash.page.getByRole('button', { name: 'Create survey' }).click();
    // Created: the editor moves to the survey's own page.
    await dash.page.getByRole('heading', { level: 1, name: 'Delivery pulse' }).waitFor();
    expect(new URL(dash.page.url()).pathname).toBe('/app/surveys/delivery-pulse');
    await expect
      .poll(() => dash.page.locator('.editor [role=status]').first().textContent())
      .toContain('Created “Delivery pulse”');
    const stored = await dash.moments.admin.getSurvey('delivery-pulse');
    expect(stored).toMatchObject({ status: 'active', priority: 500, moment: 'checkout_completed' });

    const shopper = await dash.browser.newContext();
    try {
      const shop = await shopper.newPage();
      await shop.goto(`${dash.moments.url}/demo/shop`);
      await shop.getByRole('button', { name: 'Complete checkout' }).click();
      await survey(shop)
        .getByRole('heading', { name: 'Did your parcel arrive on time?' })
        .waitFor({ timeout: 15_000 });
      await shop.screenshot({ path: join(shots, 'shop-new-survey.png') });
    } finally {
      await shopper.close();
    }
    // Pausing it in the list takes it off the shop.
    await openView('/surveys', 'Surveys');
    await dash.page.getByRole('button', { name: 'Pause Delivery pulse' }).click();
    await expect
      .poll(async () => (await dash.moments.admin.getSurvey('delivery-pulse')).status)
      .toBe('paused');
  });

  it('imports a CSV with a bad row: progress, the rejected row with its line and reason, the good rows stored', async () => {
    await openView('/customers', 'Customers');
    const csv =
      'id,email,plan,mrr\ne2e_c1,e2e1@example.com,Pro,120\ne2e_c2,e2e2@example.com,Pro,lots\ne2e_c3,not-an-email,Basic,10\ne2e_c4,e2e4@example.com,Basic,15\n';
    await dash.page
      .getByLabel('CSV file')
      .setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    // Nothing is written before the columns and the first rows have been shown.
    const mapping = dash.page.getByTestId('column-mapping');
    expect(await mapping.getByLabel('Field for column mrr').inputValue()).toBe('mrr');
    // A stacked table (a block per row on a phone) that still states it is a table, its parts too.
    expect(await mapping.locator('table.stack').count()).toBe(1);
    expect(await findTablePartsWithoutRole(dash.page)).toEqual([]);
    await expect(dash.moments.admin.lookupCustomer({ id: 'e2e_c1' })).rejects.toMatchObject({ status: 404 });
    // The input is emptied to take the same file again: the file read is named beside it.
    expect(await dash.page.getByTestId('csv-file-name').textContent()).toContain('customers.csv');
    // By keyboard: the Import button goes with the preview, and focus goes on to the progress.
    await dash.page.getByRole('button', { name: 'Import 4 rows' }).focus();
    await dash.page.keyboard.press('Enter');
    const status = dash.page.getByTestId('import').getByRole('status');
    await expect.poll(() => status.textContent()).toContain('Import finished: 4 of 4 rows');
    expect(await status.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await status.textContent()).toContain('2 added');
    expect(await status.textContent()).toContain('2 rejected');
    const rows = await dash.page.getByTestId('import').locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^3e2e_c2.*MRR must be a number/);
    expect(rows[1]).toMatch(/^4e2e_c3.*email/);
    expect(await dash.page.getByRole('progressbar', { name: 'Import progress' }).getAttribute('value')).toBe(
      '4',
    );
    const stored = await dash.moments.admin.lookupCustomer({ id: 'e2e_c1' });
    expect(stored.customer).toMatchObject({ email: 'e2e1@example.com', plan: 'Pro', mrr: 120 });
    await expect(dash.moments.admin.lookupCustomer({ id: 'e2e_c2' })).rejects.toMatchObject({ status: 404 });
    await dash.page.screenshot({ path: join(shots, 'import.png'), fullPage: true });

    // A European Excel export from a CRM: semicolons, a decimal comma, a BOM, CRLF, its own column names.
    const excel =
      '\uFEFFRecord ID;E-mail address;Notes;Monthly revenue\r\ne2e_eu1;eu1@example.com;VIP;1.234,50\r\n';
    await dash.page
      .getByLabel('CSV file')
      .setInputFiles({ name: 'crm.csv', mimeType: 'text/csv', buffer: Buffer.from(excel) });
    expect(await mapping.textContent()).toContain('semicolons');
    expect(await mapping.getByLabel('Field for column Record ID').inputValue()).toBe('id');
    expect(await mapping.getByLabel('Field for column Monthly revenue').inputValue()).toBe('mrr');
    expect(await mapping.getByLabel('Field for column Notes').inputValue()).toBe('');
    // The preview shows the amount as it will be stored.
    expect(await mapping.textContent()).toContain('1234.50');
    await mapping.getByLabel('Field for column E-mail address').selectOption('email');
    await dash.page.getByRole('button', { name: 'Import 1 row' }).click();
    await expect.poll(() => status.textContent()).toContain('Import finished: 1 of 1 rows');
    const eu = await dash.moments.admin.lookupCustomer({ id: 'e2e_eu1' });
    expect(eu.customer).toMatchObject({ email: 'eu1@example.com', mrr: 1234.5 });
  });

  it('rotates the site secret, adds a webhook (a plain message beside a short secret) and a site, whose secret it shows once', async () => {
    await openView('/settings', 'Settings');
    // The secret says what it needs before a refusal does.
    expect(await dash.page.locator('#wh-secret-hint').textContent()).toContain('16 characters or more');
    await dash.page.getByLabel('URL').fill('https://hooks.example.com/moments');
    await dash.page.getByLabel('Signing secret').fill('short');
    await dash.page.getByRole('button', { name: 'Add webhook' }).click();
    expect(await dash.page.locator('#wh-secret-error').textContent()).toContain('at least 16 characters');
    await dash.page.getByLabel('Signing secret').fill('a-long-enough-signing-secret');
    await dash.page.getByRole('button', { name: 'Add webhook' }).click();
    await expect
      .poll(async () => (await dash.moments.admin.listWebhooks('site_demo')).webhooks.map((w) => w.url))
      .toContain('https://hooks.example.com/moments');
    // A new secret, shown once, after the person confirms.
    dash.page.once('dialog', (d) => void d.accept());
    await dash.page.getByRole('button', { name: 'Make a new secret' }).click();
    expect(await dash.page.getByTestId('rotated-secret').textContent()).toMatch(/^sk_/);
    await dash.page.getByLabel('Name of the new site').fill('Second shop');
    await dash.page.getByRole('button', { name: 'Create site' }).click();
    const secret = await dash.page.getByTestId('new-site-secret').textContent();
    expect(secret).toMatch(/^sk_/);
    expect((await dash.moments.admin.listSites()).sites.map((s) => s.name)).toContain('Second shop');
  });

  it('says in plain words, beside the field, why a setting is refused, and saves nothing', async () => {
    await openView('/settings', 'Settings');
    const before = (await dash.moments.admin.getSite('site_demo')).name;
    await dash.page.locator('#st-name').fill('   ');
    await dash.page.getByRole('button', { name: 'Save settings' }).click();
    const reason = dash.page.locator('#st-name-error');
    await reason.waitFor();
    expect(await reason.textContent()).not.toMatch(/too_small|Too small|expected/);
    expect(await dash.page.locator('#st-name').getAttribute('aria-invalid')).toBe('true');
    expect(await dash.page.locator('#st-name').getAttribute('aria-describedby')).toBe('st-name-error');
    expect((await dash.moments.admin.getSite('site_demo')).name).toBe(before);
  });

  it('resolves a follow-up, and the server records who and when', async () => {
    await openView('/followups', 'Follow-ups');
    // The queue pages: the newest 100, then 100 more on request.
    const all = (await dash.moments.admin.listFollowUps({ site: 'site_demo', limit: 500 })).followups;
    expect(all.length).toBeGreaterThan(100);
    expect(await dash.page.locator('li.followup').count()).toBe(100);
    await dash.page.getByRole('button', { name: 'Show 100 more' }).click();
    await expect.poll(() => dash.page.locator('li.followup').count()).toBe(Math.min(200, all.length));
    const item = dash.page.locator('li.followup').first();
    const id = (await item.getAttribute('data-followup'))!;
    await item.locator('summary').click();
    await item.getByLabel('Owner').fill('Dana');
    await item.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await dash.moments.admin.getFollowUp(id)).assignee).toBe('Dana');
    await dash.page
      .locator(`li[data-followup="${id}"]`)
      .getByRole('button', { name: /^Resolve/ })
      .click();
    await expect.poll(async () => (await dash.moments.admin.getFollowUp(id)).status).toBe('resolved');
    const f = await dash.moments.admin.getFollowUp(id);
    expect(f.history?.map((h) => h.actor)).toEqual(['admin', 'admin']);
    expect(problems).toEqual([]);
  });
});
