import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, makeResponse, type TestApp } from '../testing/test-app.js';
import { digestToMarkdown, sendDueDigests } from './digest.js';

let t: TestApp;
let site: { id: string; publicKey: string; secret: string };

// The week of Mon 2026-03-09 to Sun 2026-03-15 against the week before.
beforeEach(async () => {
  t = await createTestApp();
  site = await t.createSite({ name: 'Digest <Shop>' });
  await t.createSurvey(site.id);
  const r = (day: string, nps: number, text?: string) =>
    makeResponse({
      createdAt: `2026-03-${day}T12:00:00Z`,
      customer: { id: `c-${day}-${nps}-${text?.length ?? 0}` },
      answers: [{ questionId: 'nps', value: nps }, ...(text ? [{ questionId: 'why', value: text }] : [])],
    });
  await t.request('POST', `/v1/sites/${site.publicKey}/responses`, {
    responses: [
      r('03', 10),
      r('04', 9),
      r('10', 3, 'Delivery took forever'),
      r('11', 2, 'The delivery was <script>alert(1)</script> late'),
      r('12', 10),
    ],
  });
});
afterEach(() => t.close());

describe('reports/digest', () => {
  it('reviews the week: scores with change, follow-ups and themes, as JSON, Markdown and escaped HTML', async () => {
    const json = await t.admin('GET', `/v1/sites/${site.id}/reports/digest?to=2026-03-15`);
    expect(json.status).toBe(200);
    expect(json.json.week).toEqual({ from: '2026-03-09', to: '2026-03-15' });
    expect(json.json.scores.nps).toMatchObject({ n: 3, score: -33.33 });
    expect(json.json.scores.nps.change.change).toBe(-133.33);
    // Follow-ups count by when they were opened (when the server got the answer): this week, not March's.
    expect(json.json.followups).toEqual({ opened: 0, resolved: 0 });
    expect((await t.admin('GET', `/v1/sites/${site.id}/reports/digest`)).json.followups).toEqual({
      opened: 2,
      resolved: 0,
    });
    expect(json.json.themes[0].theme).toBe('delivery');
    const md = await t.admin('GET', `/v1/sites/${site.id}/reports/digest?to=2026-03-15&format=markdown`);
    expect(md.headers.get('content-type')).toMatch(/markdown/);
    expect(md.text).toContain('# Digest &lt;Shop&gt;: week of 2026-03-09 to 2026-03-15');
    expect(md.text).toContain('**Follow-ups** 0 opened, 0 resolved');
    const html = await t.admin('GET', `/v1/sites/${site.id}/reports/digest?to=2026-03-15&format=html`);
    expect(html.text).toContain('Digest &lt;Shop&gt;');
    expect(html.text).not.toContain('<script>alert');
    expect(html.text).toContain('&lt;script&gt;');
  });

  it('escapes what customers wrote in the Markdown: no Slack mentions, links, HTML or formatting', async () => {
    const json = await t.admin('GET', `/v1/sites/${site.id}/reports/digest?to=2026-03-15`);
    const digest = {
      ...json.json,
      themes: [
        {
          theme: '<b>x</b>',
          count: 2,
          tone: 'negative',
          examples: ['<!channel> <https://evil.example|pay> [a](https://e.example) **b** & <img src=x>'],
        },
      ],
      attention: [{ key: '<@U123>', score: -10, change: { change: -20, significant: true } }],
    };
    const md = digestToMarkdown(digest);
    expect(md).toContain('- **&lt;b&gt;x&lt;/b&gt;** (2, negative)');
    expect(md).toContain(
      '“&lt;\\!channel&gt; &lt;https://evil.example\\|pay&gt; \\[a\\]\\(https://e.example\\) \\*\\*b\\*\\* &amp; &lt;img src=x&gt;”',
    );
    expect(md).toContain('- &lt;@U123&gt;: NPS -10');
    expect(md).not.toMatch(/<[!@hib]/);
  });

  it('is sent once a week to the webhooks that ask for it, whatever the number of instances', async () => {
    await t.admin('POST', `/v1/sites/${site.id}/webhooks`, {
      url: 'http://127.0.0.1:9/digest',
      events: ['digest.weekly'],
      secret: 'a-webhook-secret-of-some-length',
      format: 'slack',
    });
    const sunday = Date.UTC(2026, 2, 15, 12);
    const mondayEarly = Date.UTC(2026, 2, 16, 7);
    const monday = Date.UTC(2026, 2, 16, 9);
    expect(await sendDueDigests(t.db, sunday)).toBe(0);
    expect(await sendDueDigests(t.db, mondayEarly)).toBe(0);
    const results = await Promise.all([sendDueDigests(t.db, monday), sendDueDigests(t.db, monday + 60_000)]);
    expect(results.reduce((a, b) => a + b, 0)).toBe(1);
    const rows = await t.db.all<{ event: string; payload: string }>(
      "SELECT event, payload FROM webhook_deliveries WHERE event = 'digest.weekly'",
    );
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.payload).markdown).toContain('week of 2026-03-09 to 2026-03-15');
  });
});
