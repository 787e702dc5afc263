import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ListedCustomer, type Lookup, summarizeNps, writeDay } from '@moments/shared';
import { describe, expect, it } from 'vitest';
import { useDashboardSuite } from '../support/dashboard.js';
import { ADMIN_TOKEN } from '../support/server.js';

/** Screenshots for a person to look at, at both widths. */
const shots = join(dirname(fileURLToPath(import.meta.url)), '../artifacts/dashboard-ux');
mkdirSync(shots, { recursive: true });

const dash = useDashboardSuite({ width: 1280, height: 900 });
const { openView } = dash;

type Card = ReturnType<typeof dash.page.locator>;
/** The answer a response card shows to a question, in words, spaces folded. */
const answerIn = async (card: Card, question: string) =>
  (await card.locator('.answers > div', { hasText: question }).locator('dd').textContent())!
    .replace(/\s+/g, ' ')
    .trim();

/**
 * Response `r`'s card on each view that shows it (Responses at `responsesPath`, the customer's
 * profile), at 1280 and 390 px: `check` reads it there.
 */
async function onEachCard(
  r: { id: string; customer: { id: string; name: string | null; email: string | null } | null },
  responsesPath: string,
  check: (card: Card, path: string, width: number) => Promise<void>,
) {
  const c = r.customer!;
  for (const width of [1280, 390]) {
    await dash.page.setViewportSize({ width, height: 900 });
    for (const [path, heading] of [
      [responsesPath, 'Responses'],
      [`/customers/${c.id}`, c.name ?? c.email ?? c.id],
    ] as const) {
      await openView(path, heading);
      const card = dash.page.locator(`article[data-response="${r.id}"]`);
      await card.waitFor();
      await check(card, path, width);
    }
  }
}

async function shoot(width: number, name: string, fullPage = false) {
  await dash.page.screenshot({ path: join(shots, `${width}-${name}.png`), fullPage });
}

const fmtDate = (iso: string) => writeDay(iso);

// The server's own SQLite driver, to read what the demo stored (read-only, beside the running server).
const Database = createRequire(join(dirname(fileURLToPath(import.meta.url)), '../../server/package.json'))(
  'better-sqlite3',
) as new (
  file: string,
  opts: { readonly: boolean; fileMustExist: boolean },
) => { prepare(sql: string): { all(...params: unknown[]): unknown[] }; close(): void };

/** Rows of a read of the demo's database (the demo keeps it in `demo/` of the data folder). */
function readDemo<T>(sql: string, params: unknown[] = []): T[] {
  const file = join(dash.moments.dataDir, 'demo', 'moments.sqlite');
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

describe('the dashboard reads as a person expects', () => {
  it('offers only the metrics the grouping has answers for, moves to one it has, and says so', async () => {
    for (const width of [1280, 390]) {
      await dash.page.setViewportSize({ width, height: 860 });
      await openView('/rankings', 'Rankings and movers');
      const by = dash.page.getByLabel('Group by');
      const metric = dash.page.getByLabel('Metric');
      const options = () =>
        metric
          .locator('option')
          .evaluateAll((os) =>
            os.map((o) => `${o.textContent}${(o as HTMLOptionElement).disabled ? ' ✗' : ''}`),
          );
      // Moments are asked every metric: all three are offered.
      await by.selectOption('moment');
      await metric.selectOption('nps');
      await dash.page.getByRole('heading', { name: 'Ranking, NPS by moment' }).waitFor();
      await expect.poll(options).toEqual(['NPS', 'CSAT', 'CES']);
      // The demo's agents are named on support answers, which ask CSAT: none on an NPS answer.
      await by.focus();
      await by.selectOption('agent');
      await expect.poll(() => metric.inputValue(), { message: `metric at ${width}px` }).toBe('csat');
      await dash.page.getByRole('heading', { name: 'Ranking, CSAT by agent' }).waitFor();
      expect(await options()).toEqual(['NPS (none by agent) ✗', 'CSAT', 'CES (none by agent) ✗']);
      expect(await dash.page.getByTestId('metric-switched').textContent()).toBe(
        'No NPS answer in this period names an agent: showing CSAT instead.',
      );
      expect(await dash.page.locator('main table caption').first().textContent()).toMatch(/^Ranked groups/);
      // Focus stays where the person was.
      expect(await dash.page.evaluate(() => document.activeElement?.closest('label')?.textContent)).toMatch(
        /^Group by/,
      );
      await shoot(width, 'rankings-agent-metrics');
    }
    // A grouping without enough answers still says so, naming its metric.
    await dash.page.getByLabel('Minimum answers').fill('100000');
    await dash.page.getByLabel('Minimum answers').press('Tab');
    const empty = dash.page.locator('main .state.empty', { hasText: 'No agent has' });
    await empty.waitFor();
    expect((await empty.textContent())!.replace(/\s+/g, ' ')).toBe(
      'No agent has 100,000 CSAT answers in this period.',
    );
  });

  it('offers no "Try again" where asking again cannot help (a customer that does not exist)', async () => {
    await dash.page.goto(`${dash.moments.url}/app/customers/no-such-customer`);
    const alert = dash.page.locator('.state.error[role=alert]');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/not found/i);
    expect(await alert.getByRole('button', { name: 'Try again' }).count()).toBe(0);
  });

  it('says a churned customer churned once, with the date, and puts the score trend on its scale', async () => {
    // A churned customer with another reason too (a detractor) and an NPS history of two answers or more.
    let churned: Lookup | undefined;
    // The churned come after the active customers: every customer at high risk, page by page.
    const customers = [];
    let cursor: string | undefined;
    do {
      const page = await dash.moments.admin.listCustomers('site_demo', { risk: 'high', limit: 200, cursor });
      customers.push(...page.customers.filter((c) => c.churnedAt));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    for (const c of customers) {
      const l = await dash.moments.admin.lookupCustomer({ id: c.id, site: 'site_demo' });
      if (
        l.customer.churnedAt &&
        l.risk.reasons.length > 1 &&
        l.history.filter((h) => h.metric === 'nps').length > 1
      ) {
        churned = l;
        break;
      }
    }
    expect(churned, 'a churned customer in the demo').toBeDefined();
    const c = churned!.customer;
    for (const width of [1280, 390]) {
      await dash.page.setViewportSize({ width, height: 900 });
      await openView(`/customers/${c.id}`, c.name ?? c.email ?? c.id);
      const lead = (await dash.page.locator('main .lead').textContent())!.replace(/\s+/g, ' ');
      expect(lead).not.toMatch(/churned\W+churned/i);
      expect(lead.match(/churned/gi), 'the word churned, once').toHaveLength(1);
      expect(lead).toContain(`Churned on ${fmtDate(c.churnedAt!)}`);
      expect(lead).toContain(churned!.risk.reasons.find((r) => r !== 'churned')!);
      // Risk here reads the latest answers of any age (the list reads a period's): said, with when.
      const basis = (await dash.page.getByTestId('risk-basis').textContent())!.replace(/\s+/g, ' ');
      expect(basis).toContain(
        `reads their latest answers whenever given (NPS on ${fmtDate(churned!.latest.nps!.at)})`,
      );
      // The NPS trend names its scale on screen (10 at the top, 0 at the bottom) and in words.
      const nps = dash.page.getByRole('img', {
        name: /^NPS \(0–10\), on a scale of 0 to 10: \d+ answers from /,
      });
      expect(await nps.count()).toBe(1);
      const scale = nps.locator('.spark-scale span');
      expect(await scale.allTextContents()).toEqual(['10', '0']);
      const [top, bottom, line] = await Promise.all([
        scale.first().boundingBox(),
        scale.last().boundingBox(),
        nps.locator('svg').boundingBox(),
      ]);
      // The labels sit beside the line, top and bottom.
      expect(top!.y).toBeLessThan(bottom!.y);
      expect(top!.x + top!.width).toBeLessThanOrEqual(line!.x + 1);
      expect(line!.width).toBeGreaterThan(100);
      const history = churned!.history.filter((h) => h.metric === 'nps');
      expect(await nps.locator('.spark-dates').textContent()).toBe(
        `${fmtDate(history[0]!.at)}${fmtDate(history.at(-1)!.at)}`,
      );
      expect(await nps.getAttribute('aria-label')).toContain(history.map((h) => h.value).join(', '));
      await shoot(width, 'customer-profile-churned');
    }
  });

  it('lists every moment a customer reached on their profile, saying which they did not answer', async () => {
    // A customer who answered somewhere, and reached a moment (a tracked event) without answering there.
    const [who] = readDemo<{ id: string }>(
      `SELECT e.customer_id AS id FROM events e
       WHERE e.site_id = 'site_demo' AND e.customer_id IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM responses r WHERE r.site_id = e.site_id AND r.customer_id = e.customer_id AND r.moment = e.name)
         AND EXISTS (SELECT 1 FROM responses r WHERE r.site_id = e.site_id AND r.customer_id = e.customer_id)
       ORDER BY e.customer_id LIMIT 1`,
    );
    expect(who, 'a demo customer who reached a moment and did not answer there').toBeDefined();
    const moments = (sql: string) => readDemo<{ m: string }>(sql, [who!.id]).map((r) => r.m);
    const reached = moments(
      "SELECT DISTINCT name AS m FROM events WHERE site_id = 'site_demo' AND customer_id = ?",
    );
    const answered = moments(
      "SELECT DISTINCT moment AS m FROM responses WHERE site_id = 'site_demo' AND customer_id = ?",
    );
    const every = [...new Set([...reached, ...answered])].sort();
    const unanswered = every.filter((m) => !answered.includes(m));
    expect(unanswered.length).toBeGreaterThan(0);
    const l = await dash.moments.admin.lookupCustomer({ id: who!.id, site: 'site_demo' });
    for (const width of [1280, 390]) {
      await dash.page.setViewportSize({ width, height: 900 });
      await openView(`/customers/${who!.id}`, l.customer.name ?? l.customer.email ?? who!.id);
      const items = dash.page.getByTestId('moments-reached').locator('li');
      const shown = await items.evaluateAll((li) => li.map((e) => e.getAttribute('data-moment')!));
      expect([...shown].sort(), `moments on the profile at ${width}px`).toEqual(every);
      for (const m of every) {
        const text = (await items.and(dash.page.locator(`[data-moment="${m}"]`)).textContent())!;
        if (unanswered.includes(m)) expect(text, m).toMatch(/no answer.*reached \d/);
        else expect(text, m).toMatch(/answered/);
        if (!unanswered.includes(m)) expect(text, m).not.toContain('no answer');
      }
      const card = dash.page.locator('.card', { has: dash.page.getByTestId('moments-reached') });
      await card.scrollIntoViewIfNeeded();
      await card.screenshot({ path: join(shots, `${width}-customer-moments-reached.png`) });
    }
  });

  it('shows a rating answer on its scale ("3 of 5"), as NPS, CSAT and CES answers are', async () => {
    const { surveys } = await dash.moments.admin.listSurveys('site_demo');
    const scaleOf = new Map(
      surveys.flatMap((s) =>
        s.questions.flatMap((q) => (q.type === 'rating' ? [[`${s.id}/${q.id}`, q.scale]] : [])),
      ),
    );
    const { responses } = await dash.moments.admin.listResponses('site_demo', { limit: 50 });
    const r = responses.find((x) => x.customer && x.answers.some((a) => a.type === 'rating'))!;
    expect(r, 'a response with a rating answer').toBeDefined();
    const a = r.answers.find((x) => x.type === 'rating')!;
    const want = `${a.value} of ${scaleOf.get(`${r.surveyId}/${a.questionId}`)}`;
    await onEachCard(r, '/responses', async (card, path, width) => {
      expect(await answerIn(card, a.question!), `${path} at ${width}px`).toBe(want);
      // NPS, CSAT and CES keep their scales.
      const nps = r.answers.find((x) => x.type === 'nps');
      if (nps) expect(await answerIn(card, nps.question!)).toMatch(new RegExp(`^${nps.value} of 10`));
      if (width === 390 || path === '/responses')
        await card.screenshot({ path: join(shots, `${width}-rating-answer.png`) });
    });
  });

  it('shows a multiple-choice answer as the option the customer picked ("Too expensive"), not its id', async () => {
    const { surveys } = await dash.moments.admin.listSurveys('site_demo');
    const labelOf = new Map(
      surveys.flatMap((s) =>
        s.questions.flatMap((q) =>
          q.type === 'choice' ? q.options.map((o) => [`${s.id}/${q.id}/${o.id}`, o.label] as const) : [],
        ),
      ),
    );
    const { responses } = await dash.moments.admin.listResponses('site_demo', { limit: 200 });
    // An option whose label is not its id, so the two cannot be mistaken (the demo's "other" is "Something else").
    const r = responses.find(
      (x) =>
        x.customer &&
        x.answers.some(
          (a) => a.type === 'choice' && labelOf.get(`${x.surveyId}/${a.questionId}/${a.value}`) !== a.value,
        ),
    )!;
    expect(r, 'a response with a multiple-choice answer').toBeDefined();
    const a = r.answers.find((x) => x.type === 'choice')!;
    const want = labelOf.get(`${r.surveyId}/${a.questionId}/${a.value}`)!;
    expect(want).toBeDefined();
    await onEachCard(
      r,
      `/responses?surveyId=${encodeURIComponent(r.surveyId)}`,
      async (card, path, width) => {
        expect(await answerIn(card, a.question!), `${path} at ${width}px`).toBe(want);
      },
    );
  });

  it("never says 0% beside a survey result some answered (3 answers of about 2,000 read '<1%')", async () => {
    // The dashboard's period: the last 90 days, today included.
    const day = (t: number) => new Date(t).toISOString().slice(0, 10);
    const period = { from: day(Date.now() - 89 * 86_400_000), to: day(Date.now()) };
    let rare = 0;
    for (const [surveyId, name] of [
      ['checkout-nps', 'After checkout'],
      ['cancel-reason', 'When cancelling'],
    ] as const) {
      const results = await dash.moments.admin.getSurveyResults('site_demo', { surveyId, ...period });
      for (const q of results.questions)
        for (const d of [...(q.distribution ?? []), ...(q.options ?? [])])
          if (d.count > 0 && d.count / q.n < 0.005) rare++;
      await openView(`/surveys/${surveyId}/results`, `Results: ${name}`);
      const rows = await dash.page
        .locator('main .bar-value')
        .evaluateAll((els) => els.map((e) => e.textContent!.replace(/\s+/g, ' ').trim()));
      expect(rows.length).toBeGreaterThan(0);
      const noneSaid = rows.filter((r) => /^[1-9][\d,]* \(0%/.test(r));
      expect(noneSaid, `${surveyId}: a count beside 0%`).toEqual([]);
    }
    // The demo has such a value (NPS 2, given 3 times at checkout): the check above saw it.
    expect(rare).toBeGreaterThan(0);
  });

  it('keeps an empty state and a "Show more" apart from the card under them, and tells a new site where customers come from', async () => {
    const page = dash.page;
    /** The space between the element `what` finds and the top of the import card under it, in px. */
    const gapToImport = (what: ReturnType<typeof page.locator>) =>
      what.evaluate((e) => {
        const card = [...document.querySelectorAll('main .card')].find((c) =>
          c.querySelector('h2')?.textContent?.startsWith('Import business data'),
        )!;
        return card.getBoundingClientRect().top - e.getBoundingClientRect().bottom;
      });
    const empty = await dash.moments.admin.createSite({ name: 'A new site' });
    try {
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 900 });
        await openView('/customers', 'Customers');
        expect(await page.locator('header select').first().inputValue()).toBe('site_demo');
        const more = page.getByRole('button', { name: 'Show 50 more' });
        expect(await gapToImport(more), `${width}: Show 50 more to the import card`).toBeGreaterThanOrEqual(
          8,
        );

        await page.evaluate((id) => localStorage.setItem('moments:site', id), empty.id);
        await openView('/customers', 'Customers');
        const none = page.locator('main .state.empty');
        expect(await none.textContent()).toContain(
          'No customers yet. One is added when your site names them',
        );
        expect(await none.getByRole('link', { name: 'Settings' }).getAttribute('href')).toBe('/app/settings');
        expect(await gapToImport(none), `${width}: the empty list to the import card`).toBeGreaterThanOrEqual(
          8,
        );
        await page.screenshot({ path: join(shots, `${width}-customers-new-site.png`), fullPage: true });
        await page.getByLabel('Email, name, id or account').fill('nobody');
        await page.getByRole('button', { name: 'Search' }).click();
        await expect.poll(() => none.textContent()).toBe('No customer matches this search.');

        await openView('/', 'Overview');
        const noAnswers = page.locator('main .state.empty', { hasText: 'No answers in this period yet' });
        // What comes under it: the next element of it or of the nearest box around it that has one.
        const gap = await noAnswers.evaluate((e) => {
          let box: Element = e;
          while (!box.nextElementSibling && box.parentElement) box = box.parentElement;
          return box.nextElementSibling!.getBoundingClientRect().top - e.getBoundingClientRect().bottom;
        });
        expect(gap, `${width}: the overview's empty state to the trend card`).toBeGreaterThanOrEqual(8);
        await page.screenshot({ path: join(shots, `${width}-overview-new-site.png`), fullPage: true });
        await page.evaluate(() => localStorage.removeItem('moments:site'));
      }
    } finally {
      await page.evaluate(() => localStorage.removeItem('moments:site'));
    }
  });

  it('writes the period out on Responses and Value as the other views do', async () => {
    for (const [path, heading] of [
      ['/responses', 'Responses'],
      ['/value', 'Value'],
    ] as const) {
      await openView(path, heading);
      await expectPeriodInWords();
    }
  });

  async function expectPeriodInWords() {
    const lead = dash.page.locator('main .lead').first();
    const days = await lead
      .locator('time')
      .evaluateAll((ts) => ts.map((t) => ({ iso: t.getAttribute('datetime')!, text: t.textContent })));
    expect(days).toHaveLength(2);
    // Machine-readable in the attribute, in words on screen (30 Nov 2026, not 2026-11-30).
    for (const { iso, text } of days) {
      expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(text).toBe(fmtDate(iso));
    }
    expect(await lead.textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  }

  it('names question types in words where people read them, the metrics by their acronyms', async () => {
    // "Multiple choice" and "Comment", not CHOICE and TEXT.
    await openView('/surveys', 'Surveys');
    const row = dash.page.getByRole('row').filter({ hasText: 'When cancelling' });
    expect(await row.locator('td[data-label=Questions]').textContent()).toBe('NPS, Multiple choice, Comment');
    await openView('/surveys/cancel-reason', 'When cancelling');
    expect(await dash.page.locator('fieldset.question > legend').allTextContents()).toEqual([
      'Question 1: NPS',
      'Question 2: Multiple choice',
      'Question 3: Comment',
    ]);
    expect(await dash.page.getByRole('button', { name: /^\+ / }).allTextContents()).toEqual([
      '+ NPS',
      '+ CSAT',
      '+ CES',
      '+ Rating',
      '+ Multiple choice',
      '+ Comment',
    ]);
    await openView('/surveys/cancel-reason/results', 'Results: When cancelling');
    expect(await dash.page.locator('main').textContent()).toMatch(/Multiple choice · \d+ answers/);
  });

  it('tells an empty moment at its field in the survey editor, as other fields tell theirs', async () => {
    for (const width of [1280, 390]) {
      await dash.page.setViewportSize({ width, height: 860 });
      await openView('/surveys/checkout-nps', 'After checkout');
      const moment = dash.page.getByLabel('Moment', { exact: true });
      await moment.fill('');
      await moment.press('Tab');
      const error = dash.page.locator('#s-moment-error');
      await error.waitFor();
      expect(await error.textContent()).toContain('Moment is required');
      expect(await moment.getAttribute('aria-invalid')).toBe('true');
      expect(await moment.getAttribute('aria-describedby')).toBe('s-moment-error');
      // Right under the field, where the eye is, not only in the preview at the page's end.
      await moment.scrollIntoViewIfNeeded();
      const [f, e] = [(await moment.boundingBox())!, (await error.boundingBox())!];
      expect(e.y, `error under the field at ${width}px`).toBeGreaterThanOrEqual(f.y + f.height - 1);
      expect(e.y - (f.y + f.height), `error next to the field at ${width}px`).toBeLessThan(24);
      expect(e.y + e.height, `error on screen at ${width}px`).toBeLessThanOrEqual(860);
      await shoot(width, 'survey-editor-moment-error');
      // Fixed: the message goes.
      await moment.fill('checkout_completed');
      await error.waitFor({ state: 'detached' });
      expect(await moment.getAttribute('aria-invalid')).toBe('false');
    }
  });

  it('starts a new survey on no moment when each suggested one has a survey, says so, and names the survey a moment has', async () => {
    const { surveys } = await dash.moments.admin.listSurveys('site_demo');
    const at = new Map(surveys.map((s) => [s.moment, s]));
    for (const m of ['signup_completed', 'checkout_completed', 'ticket_closed', 'cancel_started'])
      expect(at.has(m), `the demo has a survey at ${m}`).toBe(true);
    for (const width of [1280, 390]) {
      await dash.page.setViewportSize({ width, height: 860 });
      await openView('/surveys/new', 'New survey');
      const moment = dash.page.getByLabel('Moment', { exact: true });
      // Not on checkout_completed, where "After checkout" already asks.
      expect(await moment.inputValue(), `moment at ${width}px`).toBe('');
      expect(await moment.getAttribute('aria-describedby')).toBe('s-moment-hint');
      const hint = dash.page.locator('#s-moment-hint');
      expect(await hint.textContent()).toContain('Each suggested moment has a survey already');
      // The suggestions say which moment has which survey.
      expect(await dash.page.locator('#moments option[value=checkout_completed]').getAttribute('label')).toBe(
        `has a survey: ${at.get('checkout_completed')!.name}`,
      );
      // By keyboard: Name, Id, then Moment.
      await dash.page.getByLabel('Name').focus();
      await dash.page.keyboard.press('Tab');
      await dash.page.keyboard.press('Tab');
      expect(await dash.page.evaluate(() => document.activeElement?.id)).toBe('s-moment');
      await dash.page.keyboard.type('checkout_completed');
      const c = at.get('checkout_completed')!;
      await expect
        .poll(() => hint.textContent())
        .toBe(
          `checkout_completed already has a survey: ${c.name} (${c.status}). Where two are due, the one with the higher priority shows.`,
        );
      await shoot(width, 'survey-new-moment');
      await moment.fill('plan_upgraded');
      await hint.waitFor({ state: 'detached' });
      expect(await moment.getAttribute('aria-describedby')).toBe(null);
    }
  });

  it('refuses a minimum of answers below 1 beside the field instead of quietly using 1', async () => {
    for (const width of [1280, 390]) {
      await dash.page.setViewportSize({ width, height: 860 });
      await openView('/rankings', 'Rankings and movers');
      const min = dash.page.getByLabel('Minimum answers');
      const caption = dash.page.locator('main table.table caption');
      await caption.waitFor();
      expect(await caption.textContent()).toContain('at least 30 answers');
      await min.fill('-5');
      await min.press('Tab');
      const error = dash.page.locator('#r-min-error');
      await error.waitFor();
      expect(await error.textContent()).toMatch(
        /whole number from 1 .*still counts groups with at least 30 answers/,
      );
      expect(await min.getAttribute('aria-invalid')).toBe('true');
      expect(await min.getAttribute('aria-describedby')).toBe('r-min-error');
      // What was typed stays for the person to correct; the ranking still uses 30, and says so.
      expect(await min.inputValue()).toBe('-5');
      expect(await caption.textContent()).toContain('at least 30 answers');
      await shoot(width, 'rankings-min-refused');
      await min.fill('10');
      await min.press('Tab');
      await error.waitFor({ state: 'detached' });
      await expect.poll(() => caption.textContent()).toContain('at least 10 answers');
    }
  });

  it('fills the Drivers chart card at 1280 px (chart and its key side by side) and stacks them at 390 px', async () => {
    const drivers = await dash.moments.admin.getDrivers('site_demo', {
      from: new Date(Date.now() - 89 * 86_400_000).toISOString().slice(0, 10),
      to: new Date().toISOString().slice(0, 10),
      surveyId: 'checkout-nps',
      outcome: 'nps',
    });
    for (const width of [1280, 390]) {
      await dash.page.setViewportSize({ width, height: 900 });
      await openView('/drivers', 'Drivers');
      const card = dash.page.locator('.card', { has: dash.page.locator('svg.quadrant') });
      await card.scrollIntoViewIfNeeded();
      const [c, chart, key] = await Promise.all([
        card.boundingBox(),
        card.locator('svg.quadrant').boundingBox(),
        card.locator('.quadrant-key').boundingBox(),
      ]);
      for (const [name, b] of [
        ['chart', chart!],
        ['key', key!],
      ] as const) {
        expect(b.x, `${name} inside the card at ${width}px`).toBeGreaterThanOrEqual(c!.x);
        expect(b.x + b.width, `${name} inside the card at ${width}px`).toBeLessThanOrEqual(c!.x + c!.width);
      }
      if (width === 1280) {
        // Side by side, the key reaching the card's right side: no half of the box left empty.
        expect(key!.x).toBeGreaterThanOrEqual(chart!.x + chart!.width);
        expect(key!.y).toBeLessThan(chart!.y + chart!.height);
        expect(c!.x + c!.width - (key!.x + key!.width), 'empty room right of the key').toBeLessThan(60);
      } else {
        expect(key!.y, 'the key under the chart on a phone').toBeGreaterThanOrEqual(
          chart!.y + chart!.height - 1,
        );
        expect(chart!.width, 'the chart as wide as the phone allows').toBeGreaterThan(c!.width - 60);
      }
      // The key names each quadrant's drivers, as the table does.
      const fix = drivers.drivers.filter((d) => d.quadrant === 'fix first').map((d) => d.driver);
      const fixLine = card.locator('.quadrant-key > dl > div', { hasText: 'Fix first' });
      for (const f of fix)
        expect((await fixLine.textContent())!.toLowerCase()).toContain(f.replace(/_/g, ' '));
      await card.screenshot({ path: join(shots, `${width}-drivers-chart.png`) });
    }
  });

  it('labels no driver on an average line with a quadrant, and says what R² and relative weights mean in plain words', async () => {
    const drivers = await dash.moments.admin.getDrivers('site_demo', {
      from: new Date(Date.now() - 89 * 86_400_000).toISOString().slice(0, 10),
      to: new Date().toISOString().slice(0, 10),
      surveyId: 'checkout-nps',
      outcome: 'nps',
    });
    // Read from the shares and means alone: within a tenth of the average share (100% ÷ drivers),
    // or within 2.5% of the scale of the drivers' average mean, a driver sits on a line.
    const k = drivers.drivers.length;
    const scaled = (x: (typeof drivers.drivers)[number]) => (x.mean! - 1) / (x.scale - 1);
    const meanPerf = drivers.drivers.reduce((a, x) => a + scaled(x), 0) / k;
    const onLine = drivers.drivers
      .filter((x) => Math.abs(x.share! - 1 / k) <= 0.1 / k || Math.abs(scaled(x) - meanPerf) <= 0.025)
      .map((x) => x.driver);
    // The demo has one: speed, 32% of what the drivers explain against an average of 33%.
    expect(onLine, 'a demo driver on an average line').toContain('speed');
    const QUADRANT = /fix first|keep up|over-invested|watch/i;
    for (const width of [1280, 390]) {
      await dash.page.setViewportSize({ width, height: 900 });
      await openView('/drivers', 'Drivers');
      const rows = dash.page.locator('main table.table tbody tr');
      await rows.first().waitFor();
      for (const d of drivers.drivers) {
        const cell = rows
          .filter({ has: dash.page.locator('th', { hasText: new RegExp(`^${d.driver}$`, 'i') }) })
          .locator('td[data-label="Quadrant"]');
        const text = (await cell.textContent())!;
        if (onLine.includes(d.driver)) {
          expect(text, `${d.driver} at ${width}px`).toMatch(/^on an average line/);
          expect(text, `${d.driver} at ${width}px`).not.toMatch(QUADRANT);
        } else expect(text, `${d.driver} at ${width}px`).toMatch(QUADRANT);
      }
      // The chart's key says where such a driver is, and by what rule.
      const key = (await dash.page.getByTestId('on-line-key').textContent())!;
      expect(key).toMatch(/too near an average to say above or below/);
      expect(await dash.page.getByTestId('drivers-glossary').textContent()).toMatch(
        /within a tenth of the average driver's, or its mean is within 2\.5% of the scale/,
      );
      for (const d of onLine) expect(key.toLowerCase()).toContain(d);
      // Every statistic the page names is explained in words under the table, the number kept.
      const glossary = dash.page.getByTestId('drivers-glossary');
      const terms = await glossary.locator('dt').allTextContents();
      for (const term of ['R²', 'Share of R²', 'Relative weight'])
        expect(terms, `"${term}" explained at ${width}px`).toContain(term);
      const r2 = `${Math.round(drivers.r2! * 100)}%`;
      expect(await glossary.locator('dt:text-is("R²") + dd').textContent()).toContain(`Here ${r2}`);
      expect(await dash.page.getByTestId('drivers-r2').textContent()).toContain(
        `explain ${r2} of the differences in NPS between responses (R² = ${r2})`,
      );
      // No statistics word in the lead, and the callout speaks of what the drivers explain.
      expect(await dash.page.locator('main .lead').textContent()).not.toMatch(/R²|relative weight|variance/i);
      expect(await dash.page.getByTestId('fix-first').textContent()).not.toMatch(/variance/i);
      await glossary.scrollIntoViewIfNeeded();
      await shoot(width, 'drivers-glossary');
      await dash.page.screenshot({ path: join(shots, `${width}-drivers-page.png`), fullPage: true });
    }
  });

  it('tags no theme against the scores of those who raised it, and says what each tag rests on', async () => {
    const DAY = 86_400_000;
    const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
    const { themes } = await dash.moments.admin.getThemes('site_demo', {
      from: iso(Date.now() - 89 * DAY),
      to: iso(Date.now()),
    });
    /** The tone a theme's scores allow, read from its means and answer counts alone. */
    const allowed = (t: (typeof themes)[number]) => {
      const nps = t.meanNps != null && (t.npsAnswers ?? 0) >= 2 ? (t.npsAnswers ?? 0) : 0;
      const csat = t.meanCsat != null && (t.csatAnswers ?? 0) >= 2 ? (t.csatAnswers ?? 0) : 0;
      if (!nps && !csat) return null;
      const [mean, low, high] = nps >= csat ? [t.meanNps!, 7, 9] : [t.meanCsat!, 3, 4];
      return mean < low ? 'negative' : mean >= high ? 'positive' : 'neutral';
    };
    // The demo's delivery theme: its words read mildly positive, its average NPS answer is a detractor's.
    expect(
      themes.filter((t) => allowed(t) === 'negative' && t.sentiment > 0.05).map((t) => t.theme),
      'a theme whose words and scores disagree',
    ).toContain('delivery');
    for (const width of [1280, 390]) {
      await dash.page.setViewportSize({ width, height: 900 });
      await openView('/themes', 'Themes');
      await dash.page.locator('.themes > li').first().waitFor();
      expect(await dash.page.getByTestId('tone-rule').textContent()).toMatch(/follows the scores/);
      for (const t of themes) {
        const card = dash.page.locator(`.themes > li[data-theme="${t.theme}"]`);
        const tag = (await card.locator('.card-head .pill').textContent())!.trim();
        const want = allowed(t);
        if (want) expect(tag, `${t.theme}'s tag at ${width}px`).toBe(want);
        const basis = (await card.getByTestId('tone-basis').textContent())!.replace(/\s+/g, ' ');
        expect(basis, t.theme).toMatch(
          want
            ? /^Tagged \w+ by their average (NPS answer|CSAT)/
            : /^Tagged \w+ by the words of the comments/,
        );
      }
      const delivery = dash.page.locator('.themes > li[data-theme="delivery"]');
      await delivery.scrollIntoViewIfNeeded();
      expect(await delivery.getByTestId('tone-basis').textContent()).toMatch(
        /^Tagged negative by their average NPS answer, \d\.\d of 10; their words alone read positive\.$/,
      );
      await delivery.screenshot({ path: join(shots, `${width}-theme-delivery.png`) });
      await dash.page.screenshot({ path: join(shots, `${width}-themes-top.png`) });
    }
  });

  it('flags a partial first week or month on the overview, and says when the answers start', async () => {
    const DAY = 86_400_000;
    const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
    const firstDay = async (metric: string, from: string, to: string) =>
      (
        await dash.moments.admin.getTimeseries('site_demo', { from, to, metric, interval: 'day' })
      ).points.find((p) => p.n > 0)!.start;
    let partials = 0;
    for (const [key, days, metric, interval] of [
      ['90d', 90, 'nps', 'week'],
      ['90d', 90, 'nps', 'month'],
      ['365d', 365, 'ces', 'week'],
    ] as const) {
      const from = iso(Date.now() - (days - 1) * DAY);
      const to = iso(Date.now());
      await dash.page.goto(`${dash.moments.url}/app`);
      await dash.page.evaluate((k) => localStorage.setItem('moments:period', k), key);
      await openView('', 'Overview');
      await dash.page.getByRole('radio', { name: metric.toUpperCase() }).check();
      await dash.page.getByRole('combobox', { name: /^By/ }).selectOption(interval);
      const series = await dash.moments.admin.getTimeseries('site_demo', { from, to, metric, interval });
      const first = series.points.find((p) => p.n > 0)!.start;
      const answersFrom = await firstDay(metric, from, to);
      const start = Date.parse(first);
      const partFrom = Math.max(Date.parse(from), Date.parse(answersFrom.slice(0, 10)));
      const caption = dash.page.getByTestId('partial-first');
      // The chart has drawn this metric and interval (its hidden table names them).
      await dash.page
        .locator('figure.chart caption', { hasText: `${metric.toUpperCase()} by ${interval}` })
        .waitFor({
          state: 'attached',
        });
      if (partFrom > start) {
        partials++;
        const end =
          interval === 'week'
            ? start + 7 * DAY
            : Date.UTC(new Date(start).getUTCFullYear(), new Date(start).getUTCMonth() + 1, 1);
        const text = await caption.textContent();
        expect(text).toContain(`is partial: the ${partFrom > Date.parse(from) ? 'answers' : 'period'} start`);
        expect(text).toContain(
          `on ${fmtDate(iso(partFrom))}, so it holds ${(end - partFrom) / DAY} of its ${(end - start) / DAY} days`,
        );
        // Said in the chart's table for screen readers too.
        const rows = await dash.page.locator('figure.chart .sr-only tbody tr').allTextContents();
        expect(rows.findIndex((r) => r.includes('(partial: from'))).toBe(
          series.points.findIndex((p) => p.n > 0),
        );
        await dash.page
          .locator('figure.chart')
          .screenshot({ path: join(shots, `1280-overview-partial-${key}-${metric}-${interval}.png`) });
      } else {
        expect(await caption.count(), `${key} ${metric} by ${interval}: no partial period`).toBe(0);
      }
      // Twelve months of which the demo fills six: the lead says when the answers start.
      const lead = dash.page.locator('main .lead');
      if (key === '365d') {
        const overall = (
          await Promise.all(['nps', 'csat', 'ces'].map((m) => firstDay(m, from, to)))
        ).sort()[0]!;
        expect(await lead.textContent()).toContain(
          `The answers start on ${fmtDate(overall)}: this period holds ${(Date.parse(to) - Date.parse(overall.slice(0, 10))) / DAY + 1} days of answers, not 365.`,
        );
        await dash.page.setViewportSize({ width: 390, height: 900 });
        await shoot(390, 'overview-12-months');
        await dash.page.setViewportSize({ width: 1280, height: 900 });
        await shoot(1280, 'overview-12-months');
      } else expect(await lead.textContent()).not.toContain('The answers start');
    }
    expect(partials, 'a partial first period among the cases').toBeGreaterThan(0);
    await dash.page.evaluate(() => localStorage.removeItem('moments:period'));
  });

  it('shows every customer behind revenue at risk: "Show 25 more" pages on, focus on the first it added, and a CSV holds them all', async () => {
    const DAY = 86_400_000;
    const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
    const period = { from: iso(Date.now() - 89 * DAY), to: iso(Date.now()) };
    const all = await dash.moments.admin.getValueAtRisk('site_demo', { ...period, limit: 500 });
    expect(all.total, 'more customers at risk than a page').toBeGreaterThan(50);
    expect(all.customers).toHaveLength(all.total);
    const shown = (c: (typeof all.customers)[number]) => c.email ?? c.name ?? c.id;
    for (const width of [1280, 390]) {
      await dash.page.setViewportSize({ width, height: 860 });
      await openView('/value', 'Value');
      const links = dash.page.getByTestId('at-risk').locator('tbody tr a');
      await links.first().waitFor();
      expect(await links.count()).toBe(25);
      const actions = dash.page.getByTestId('at-risk-actions');
      expect(await actions.getByRole('status').textContent()).toBe(
        `25 of ${all.total} shown, biggest MRR first.`,
      );
      const more = actions.getByRole('button', { name: 'Show 25 more' });
      await more.focus();
      await dash.page.keyboard.press('Enter');
      await expect.poll(() => links.count(), { message: `rows after more at ${width}px` }).toBe(50);
      // Focus goes on where the reader is: the first customer added.
      await expect
        .poll(() => dash.page.evaluate(() => document.activeElement?.textContent), {
          message: `focus at ${width}px`,
        })
        .toBe(shown(all.customers[25]!));
      expect(await links.allTextContents()).toEqual(all.customers.slice(0, 50).map(shown));
      expect(await dash.page.getByTestId('at-risk').locator('caption').textContent()).toContain(
        `the 50 biggest of ${all.total} customers`,
      );
      await shoot(width, 'value-at-risk-more');
    }
    // The download holds every one, biggest first, as the API lists them.
    const [download] = await Promise.all([
      dash.page.waitForEvent('download'),
      dash.page.getByRole('button', { name: `Download all ${all.total} as CSV` }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`at-risk-site_demo-${period.from}-to-${period.to}.csv`);
    const lines = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('id,email,name,plan,mrr,currency,nps,previousNps,reason');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(all.customers.map((c) => c.id));
  });

  it('says how many responses and customers the period and filters hold, not only the page shown', async () => {
    /** How many customers a list holds in all, counted by walking it 200 at a time (no `total` asked). */
    async function countByPaging(list: (cursor?: string) => Promise<{ n: number; next: string | null }>) {
      let n = 0;
      let cursor: string | undefined;
      do {
        const page = await list(cursor);
        n += page.n;
        cursor = page.next ?? undefined;
      } while (cursor);
      return n;
    }
    /** The query the page sent (the period the dashboard chose, the filters), paging and counting aside. */
    const queryOf = (url: string) => {
      const q = Object.fromEntries(new URL(url).searchParams);
      delete q.limit;
      delete q.withTotal;
      return q;
    };
    const n = (x: number) => x.toLocaleString('en-US');
    // Each list counted once, for both widths.
    const counted = new Map<string, Promise<number>>();
    const once = (key: string, count: () => Promise<number>) => {
      if (!counted.has(key)) counted.set(key, count());
      return counted.get(key)!;
    };
    for (const width of [1280, 390]) {
      await dash.page.setViewportSize({ width, height: 860 });
      for (const path of ['/responses', '/responses?band=detractor', '/responses?band=detractor&q=late']) {
        const asked = dash.page.waitForRequest((r) => r.url().includes('/responses/list'));
        await openView(path, 'Responses');
        const q = queryOf((await asked).url());
        // Counted in the export of the same filters (a line a response), not by the list's count.
        const all = await once(JSON.stringify(q), async () => {
          const res = await fetch(
            `${dash.moments.url}/v1/sites/site_demo/responses?${new URLSearchParams({ ...q, format: 'ndjson' })}`,
            { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } },
          );
          return (await res.text()).split('\n').filter(Boolean).length;
        });
        const count = dash.page.getByTestId('responses-count');
        await expect
          .poll(() => count.textContent(), { message: `${path} at ${width}px` })
          .toBe(all > 50 ? `50 of ${n(all)} shown, newest first; more below.` : `All ${n(all)} shown.`);
        if (path === '/responses') {
          await count.scrollIntoViewIfNeeded();
          await shoot(width, 'responses-count');
        }
        if (all > 50) {
          await dash.page.getByRole('button', { name: 'Show 50 more' }).click();
          await expect
            .poll(() => count.textContent())
            .toBe(all > 100 ? `100 of ${n(all)} shown, newest first; more below.` : `All ${n(all)} shown.`);
        }
      }
      for (const risk of ['', 'high']) {
        await openView('/customers', 'Customers');
        const asked = dash.page.waitForRequest((r) => /\/customers(\?|$)/.test(r.url()));
        // The period's start, as the page sends it (a risk filter reads the period's answers).
        if (risk) await dash.page.getByLabel('Risk').selectOption(risk);
        else await dash.page.reload();
        const q = queryOf((await asked).url());
        const all = await once(JSON.stringify(q), () =>
          countByPaging(async (cursor) => {
            const r = await dash.moments.admin.listCustomers('site_demo', { ...q, cursor, limit: 200 });
            return { n: r.customers.length, next: r.nextCursor };
          }),
        );
        if (!risk) expect(all, 'more customers than a page').toBeGreaterThan(50);
        await expect
          .poll(() => dash.page.getByTestId('customers-count').textContent(), {
            message: `customers${risk ? ` at risk ${risk}` : ''} at ${width}px`,
          })
          .toBe(all > 50 ? `50 of ${n(all)} shown` : `all ${n(all)}`);
        if (!risk)
          await dash.page
            .getByTestId('customer-list')
            .locator('caption')
            .screenshot({
              path: join(shots, `${width}-customers-count.png`),
            });
      }
      // A customer's profile says how many responses they gave, beside the 20 it shows first.
      // The customer of the latest response, who answered at least once.
      const top = (await dash.moments.admin.listResponses('site_demo', { limit: 1 })).responses[0]!.customer!;
      const theirs = await once(`customer ${top.id}`, async () => {
        const res = await fetch(
          `${dash.moments.url}/v1/sites/site_demo/responses?${new URLSearchParams({ customer: top.id })}`,
          { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } },
        );
        return (await res.text()).split('\n').filter(Boolean).length;
      });
      await openView(`/customers/${top.id}`, top.name ?? top.email ?? top.id);
      await expect
        .poll(() => dash.page.getByTestId('profile-responses-count').textContent())
        .toBe(theirs > 20 ? ` (20 of ${n(theirs)} shown)` : ` (all ${n(theirs)})`);
    }
  }, 120_000);

  it('lists active customers first and the churned after them, and flags only what the period’s answers say, as Value does', async () => {
    const DAY = 86_400_000;
    const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
    const period = { from: iso(Date.now() - 89 * DAY), to: iso(Date.now()) };
    const everyone: ListedCustomer[] = [];
    let cursor: string | undefined;
    do {
      const page = await dash.moments.admin.listCustomers('site_demo', { limit: 200, cursor });
      everyone.push(...page.customers);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    // The demo's biggest customer churned: once listed first.
    const biggest = everyone.reduce((a, b) => ((b.mrr ?? -1) > (a.mrr ?? -1) ? b : a));
    expect(biggest.churnedAt, 'the biggest customer churned').not.toBeNull();
    // A customer flagged for an NPS answered before the period, and for nothing since.
    const older = (s: { at: string } | null) => !!s && s.at.slice(0, 10) < period.from;
    const old = everyone.find(
      (c) =>
        !c.churnedAt &&
        c.risk.level !== 'none' &&
        older(c.latest.nps) &&
        (!c.latest.csat || older(c.latest.csat) || c.latest.csat.value > 2),
    )!;
    expect(old, 'a customer flagged for an old answer').toBeDefined();
    const atRisk = await dash.moments.admin.getValueAtRisk('site_demo', { ...period, limit: 500 });
    expect(atRisk.customers.map((c) => c.id)).not.toContain(old.id);
    for (const width of [1280, 390]) {
      await dash.page.setViewportSize({ width, height: 860 });
      await openView('/customers', 'Customers');
      const lead = (await dash.page.locator('main .lead').textContent())!.replace(/\s+/g, ' ');
      expect(lead).toContain(`answered from ${fmtDate(period.from)} to ${fmtDate(period.to)}`);
      const list = dash.page.getByTestId('customer-list');
      const pills = list.locator('tbody tr .pill');
      await pills.first().waitFor();
      // The first page is all active customers (the demo has far more than 50).
      expect(await pills.allTextContents()).not.toContain('Churned');
      const search = dash.page.getByLabel('Email, name, id or account');
      const rowOf = async (email: string) => {
        await search.fill(email);
        await search.press('Enter');
        const row = list.locator('tbody tr', { hasText: email });
        await row.waitFor();
        await expect.poll(() => list.locator('tbody tr').count()).toBe(1);
        return row;
      };
      const gone = await rowOf(biggest.email!);
      expect(await gone.locator('.pill').textContent()).toBe('Churned');
      expect(await gone.locator('td[data-label=Risk]').textContent()).toContain(
        `on ${fmtDate(biggest.churnedAt!)}`,
      );
      const quiet = await rowOf(old.email!);
      expect(await quiet.locator('.pill').textContent(), `${old.id} at ${width}px`).toBe('No risk seen');
      expect(await quiet.locator('td[data-label=NPS]').textContent()).toContain(
        String(old.latest.nps!.value),
      );
      await shoot(width, 'customers-old-answer');
      await search.fill('');
      await search.press('Enter');
    }
  });

  it('says the overview’s NPS counts the cancel survey too, and what it is without it, as the Journey shows each moment', async () => {
    const DAY = 86_400_000;
    const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
    const period = { from: iso(Date.now() - 89 * DAY), to: iso(Date.now()) };
    const [summary, journey] = await Promise.all([
      dash.moments.admin.getSummary('site_demo', period),
      dash.moments.admin.getJourney('site_demo', period),
    ]);
    const cancel = journey.moments.find((m) => m.moment === 'cancel_started')!;
    expect(cancel.exit).toBe(true);
    expect(cancel.nps.n, 'NPS answers at cancel_started').toBeGreaterThan(0);
    // The overview's NPS holds them: its n is every moment's.
    expect(summary.nps.n).toBe(journey.moments.reduce((t, m) => t + m.nps.n, 0));
    const stay = journey.moments.filter((m) => !m.exit);
    const without = summarizeNps({
      promoters: stay.reduce((t, m) => t + m.nps.promoters, 0),
      passives: stay.reduce((t, m) => t + m.nps.passives, 0),
      detractors: stay.reduce((t, m) => t + m.nps.detractors, 0),
    }).score!;
    const minus = (x: number) => String(Math.round(x)).replace(/^-/, '−');
    for (const width of [1280, 390]) {
      await dash.page.setViewportSize({ width, height: 860 });
      await openView('', 'Overview');
      const lead = (await dash.page.locator('main .lead').textContent())!.replace(/\s+/g, ' ');
      expect(lead).toContain('Each score counts the answers to every survey that asks it, at every moment');
      const nps = dash.page.locator('.stat', { hasText: /^NPS/ });
      const includes = nps.getByTestId('includes-nps');
      await includes.waitFor();
      expect((await includes.textContent())!.replace(/\s+/g, ' ')).toBe(
        `Includes ${cancel.nps.n} answers at Cancel started, where customers leave; without them NPS ${minus(without)}.`,
      );
      await shoot(width, 'overview-includes');
      await openView('/journey', 'Journey');
      expect((await dash.page.locator('main .lead').textContent())!.replace(/\s+/g, ' ')).toContain(
        "the Overview's count every moment's together, those where customers leave included",
      );
    }
  });

  describe('by keyboard alone', () => {
    const focused = () =>
      dash.page.evaluate(() => {
        const a = document.activeElement!;
        return {
          tag: a.tagName.toLowerCase(),
          id: a.id,
          text: (a.getAttribute('aria-label') ?? a.textContent ?? '').trim(),
          response: a.getAttribute('data-response'),
        };
      });

    it('never hides the focused field behind the survey editor’s sticky Save bar', async () => {
      for (const width of [1280, 390]) {
        await dash.page.setViewportSize({ width, height: 860 });
        await openView('/surveys/checkout-nps', 'After checkout');
        await dash.page.getByLabel('Name', { exact: true }).focus();
        const covered: string[] = [];
        for (let i = 0; i < 45; i++) {
          await dash.page.keyboard.press('Tab');
          const hit = await dash.page.evaluate(() => {
            const a = document.activeElement!;
            if (a.closest('.actions.sticky') || a.tagName === 'DIV') return null;
            const r = a.getBoundingClientRect();
            const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            return top && top !== a && !a.contains(top) && top.closest('.actions.sticky')
              ? a.id || a.textContent
              : null;
          });
          if (hit) covered.push(hit);
        }
        expect(covered, `fields behind the Save bar at ${width}px`).toEqual([]);
      }
    });

    it('keeps focus with a question moved or removed in the survey editor, and on Save while it saves', async () => {
      await openView('/surveys/checkout-nps', 'After checkout');
      const text0 = await dash.page.locator('#q0-text').inputValue();
      await dash.page.locator('#q0-down').focus();
      await dash.page.keyboard.press('Enter');
      // Focus went with the question, now second.
      await expect.poll(() => focused()).toMatchObject({ id: 'q1-down' });
      expect(await dash.page.locator('#q1-text').inputValue()).toBe(text0);
      await dash.page.keyboard.press('Enter');
      await expect.poll(() => focused()).toMatchObject({ id: 'q2-down' });
      // Removed: focus on the question now in its place, not the page's start.
      await dash.page.locator('#q2-remove').focus();
      await dash.page.keyboard.press('Enter');
      await expect.poll(() => focused()).toMatchObject({ id: 'q2-text' });
      // Added: focus on the new question's text (the button row moved down, out of sight).
      const count = await dash.page.locator('[id^="q"][id$="-text"]').count();
      await dash.page.getByRole('button', { name: '+ CSAT' }).focus();
      await dash.page.keyboard.press('Enter');
      await expect.poll(() => focused()).toMatchObject({ id: `q${count}-text` });
      // Saving by keyboard (the survey as it was): the button keeps focus while it saves and after.
      await openView('/surveys/checkout-nps', 'After checkout');
      await dash.page.getByRole('button', { name: 'Save changes' }).focus();
      await dash.page.keyboard.press('Enter');
      await expect
        .poll(() => dash.page.locator('.actions.sticky [role=status]').textContent())
        .toContain('Saved');
      expect((await focused()).text).toBe('Save changes');
    });

    it('moves focus on to the next follow-up when one is resolved (it leaves the list), and says so', async () => {
      for (const width of [1280, 390]) {
        await dash.page.setViewportSize({ width, height: 860 });
        await openView('/followups', 'Follow-ups');
        const items = dash.page.locator('.followups > li');
        // The queue's size, not only its newest page.
        const { total } = await dash.moments.admin.listFollowUps({ site: 'site_demo', limit: 1 });
        await expect
          .poll(() => dash.page.getByTestId('followups-count').textContent())
          .toMatch(new RegExp(`^The newest ${await items.count()} of ${total}\\b`));
        const second = await items.nth(1).getAttribute('data-followup');
        await items
          .first()
          .getByRole('button', { name: /^Resolve/ })
          .focus();
        await dash.page.keyboard.press('Enter');
        // It leaves the list; focus lands on the Resolve button of the one after it.
        await expect
          .poll(
            () =>
              dash.page.evaluate(() => document.activeElement!.closest('li')?.getAttribute('data-followup')),
            {
              message: `focus after resolving at ${width}px`,
            },
          )
          .toBe(second);
        expect((await focused()).text).toMatch(/^Resolve: /);
        expect(await dash.page.getByTestId('followups-said').textContent()).toMatch(/^Resolved: /);
        // Each Resolve button names the customer as the card shows them (the email), not by an id.
        const names = await items.evaluateAll((lis) =>
          lis.slice(0, 10).map((li) => ({
            shown: li.querySelector('.followup-head a')?.textContent ?? 'anonymous visitor',
            name: li.querySelector('.followup-head button')?.getAttribute('aria-label'),
          })),
        );
        for (const { shown, name } of names) expect(name).toMatch(new RegExp(`^Resolve: .*, ${shown}$`));
        await shoot(width, 'followups-resolved');
      }
      // On a customer's profile the resolved follow-up stays: focus goes to its details.
      const { followups } = await dash.moments.admin.listFollowUps({
        site: 'site_demo',
        status: 'open',
        limit: 1,
      });
      const f = followups[0]!;
      const l = await dash.moments.admin.lookupCustomer({ id: f.customerId!, site: 'site_demo' });
      await dash.page.setViewportSize({ width: 1280, height: 860 });
      await openView(`/customers/${f.customerId}`, l.customer.name ?? l.customer.email ?? l.customer.id);
      const item = dash.page.locator(`li[data-followup="${f.id}"]`);
      await item.getByRole('button', { name: /^Resolve/ }).focus();
      await dash.page.keyboard.press('Enter');
      await expect.poll(async () => (await focused()).text).toBe('Owner, status, note and history');
    });

    it('moves focus to the first response "Show 50 more" added', async () => {
      for (const width of [1280, 390]) {
        await dash.page.setViewportSize({ width, height: 860 });
        await openView('/responses', 'Responses');
        const cards = dash.page.locator('article.response');
        await cards.first().waitFor();
        expect(await cards.count()).toBe(50);
        await dash.page.getByRole('button', { name: 'Show 50 more' }).focus();
        await dash.page.keyboard.press('Enter');
        await expect.poll(() => cards.count()).toBeGreaterThan(50);
        await expect
          .poll(async () => (await focused()).response, { message: `focus after more at ${width}px` })
          .toBe(await cards.nth(50).getAttribute('data-response'));
      }
    });

    it('moves focus to the first customer "Show 50 more" added', async () => {
      for (const width of [1280, 390]) {
        await dash.page.setViewportSize({ width, height: 860 });
        await openView('/customers', 'Customers');
        const links = dash.page.getByTestId('customer-list').locator('tbody th a');
        await links.first().waitFor();
        expect(await links.count()).toBe(50);
        await dash.page.getByRole('button', { name: 'Show 50 more' }).focus();
        await dash.page.keyboard.press('Enter');
        await expect.poll(() => links.count()).toBe(100);
        await expect
          .poll(() => dash.page.evaluate(() => document.activeElement?.textContent), {
            message: `focus after more at ${width}px`,
          })
          .toBe(await links.nth(50).textContent());
      }
    });

    it('makes a table’s box a Tab stop only while it scrolls (a stacked table on a phone scrolls nothing)', async () => {
      for (const width of [390, 1280]) {
        await dash.page.setViewportSize({ width, height: 860 });
        await openView('/customers', 'Customers');
        const box = dash.page.locator('section.table-scroll', {
          has: dash.page.getByTestId('customer-list'),
        });
        await expect.poll(() => box.getAttribute('tabindex'), { message: `at ${width}px` }).toBe(null);
      }
      // Wider than its box: the box takes focus so the keyboard can scroll it.
      await dash.page.getByTestId('customer-list').evaluate((t) => {
        (t as HTMLElement).style.minWidth = '2000px';
      });
      const box = dash.page.locator('section.table-scroll', { has: dash.page.getByTestId('customer-list') });
      await expect.poll(() => box.getAttribute('tabindex')).toBe('0');
    });

    it('gives stand-alone links a finger-sized target (24 px) on a phone', async () => {
      await dash.page.setViewportSize({ width: 390, height: 860 });
      const heights = (selector: string) =>
        dash.page
          .locator(selector)
          .evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().height)));
      const { customers } = await dash.moments.admin.listCustomers('site_demo', { limit: 1 });
      const c = customers[0]!;
      for (const [path, heading, selector] of [
        [`/customers/${c.id}`, c.name ?? c.email ?? c.id, 'main a.back, main .profile-links a'],
        ['/surveys/checkout-nps/results', 'Results: After checkout', 'main a.back'],
        ['/surveys/checkout-nps', 'After checkout', 'main a.back, main .preview-jump, .editor-form summary'],
        ['/responses', 'Responses', '.response-head a'],
      ] as const) {
        await openView(path, heading);
        if (path === '/responses') await dash.page.locator('.response-head a').first().waitFor();
        const hs = await heights(selector);
        expect(hs.length, `${selector} on ${path}`).toBeGreaterThan(0);
        expect(Math.min(...hs), `${selector} on ${path}`).toBeGreaterThanOrEqual(24);
      }
      await openView(`/customers/${c.id}`, c.name ?? c.email ?? c.id);
      await shoot(390, 'profile-back-link');
    });

    it('reads the trend chart period by period with the arrow keys, as pointing does', async () => {
      const DAY = 86_400_000;
      const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
      const ts = await dash.moments.admin.getTimeseries('site_demo', {
        from: iso(Date.now() - 89 * DAY),
        to: iso(Date.now()),
        metric: 'nps',
        interval: 'week',
      });
      const week = (i: number) => `Week of ${fmtDate(ts.points[i]!.start)}`;
      for (const width of [1280, 390]) {
        await dash.page.setViewportSize({ width, height: 860 });
        await openView('', 'Overview');
        const chart = dash.page.locator('.chart-plot');
        await dash.page.locator('.chart canvas').first().waitFor();
        const tip = dash.page.locator('.chart-tip');
        await chart.focus();
        await dash.page.keyboard.press('End');
        await expect
          .poll(() => tip.textContent(), { message: `End at ${width}px` })
          .toContain(week(ts.points.length - 1));
        await dash.page.keyboard.press('ArrowLeft');
        await expect.poll(() => tip.textContent()).toContain(week(ts.points.length - 2));
        await dash.page.keyboard.press('Home');
        await expect.poll(() => tip.textContent()).toContain(week(0));
        await dash.page.keyboard.press('ArrowRight');
        await expect.poll(() => tip.textContent()).toContain(week(1));
        expect(await tip.textContent()).toMatch(/NPS -?\d+ points|NPS no answers/);
        await dash.page
          .locator('figure.chart')
          .screenshot({ path: join(shots, `${width}-trend-keyboard.png`) });
      }
    });
  });
});

describe('a survey reworded after it was answered', () => {
  it('shows a past answer under the words it answered, and how the question reads now', async () => {
    const { responses } = await dash.moments.admin.listResponses('site_demo', { limit: 50 });
    const r = responses.find((x) => x.customer && x.answers.some((a) => a.type === 'nps'))!;
    expect(r, 'a customer’s response with an NPS answer').toBeDefined();
    const survey = await dash.moments.admin.getSurvey(r.surveyId);
    const nps = survey.questions.find((q) => q.type === 'nps')!;
    const { id: _id, siteId: _site, createdAt: _created, updatedAt: _updated, ...body } = survey;
    const reworded = 'Would you tell a colleague about us?';
    await dash.moments.admin.replaceSurvey(survey.id, {
      ...body,
      questions: body.questions.map((q) => (q.id === nps.id ? { ...q, text: reworded } : q)),
    });
    try {
      await onEachCard(
        r,
        `/responses?surveyId=${encodeURIComponent(r.surveyId)}`,
        async (card, path, width) => {
          const term = (await card
            .locator('.answers > div', { hasText: nps.text })
            .locator('dt')
            .textContent())!;
          expect(term.replace(/\s+/g, ' '), `${path} at ${width}px`).toBe(
            `${nps.text} (as asked then; worded “${reworded}” since an edit)`,
          );
          if (path.startsWith('/responses'))
            await card.screenshot({ path: join(shots, `${width}-response-reworded.png`) });
        },
      );
    } finally {
      await dash.moments.admin.replaceSurvey(survey.id, body);
    }
  });
});
