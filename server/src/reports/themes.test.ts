import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, makeResponse, type TestApp } from '../testing/test-app.js';
import { extractPhrases } from './themes.js';

let t: TestApp;
let site: { id: string; publicKey: string; secret: string };

const comment = (nps: number, text: string) =>
  makeResponse({
    createdAt: '2026-03-10T12:00:00Z',
    answers: [
      { questionId: 'nps', value: nps },
      { questionId: 'why', value: text },
    ],
  });

beforeEach(async () => {
  t = await createTestApp();
  site = await t.createSite();
  await t.createSurvey(site.id);
  await t.request('POST', `/v1/sites/${site.publicKey}/responses`, {
    responses: [
      comment(2, 'The delivery was late again'),
      comment(3, 'Delivery was terrible, the box was damaged'),
      comment(4, 'Late delivery, very disappointing'),
      comment(1, 'My discount code did not work at checkout'),
      comment(5, 'The discount code failed twice, awful'),
      comment(6, 'Checkout kept failing on my phone'),
    ],
  });
});
afterEach(() => t.close());

describe('reports/themes', () => {
  it('finds recurring phrases with their count, share, scores, sentiment and quotes', async () => {
    const r = await t.admin('GET', `/v1/sites/${site.id}/reports/themes?from=2026-03-01&to=2026-03-31`);
    expect(r.status).toBe(200);
    expect(r.json.comments).toBe(6);
    const byTheme = Object.fromEntries(r.json.themes.map((x: { theme: string }) => [x.theme, x]));
    expect(byTheme.delivery).toMatchObject({
      count: 3,
      share: 0.5,
      meanNps: 3,
      npsAnswers: 3,
      csatAnswers: 0,
      tone: 'negative',
    });
    expect(byTheme.delivery.examples).toHaveLength(3);
    expect(byTheme['discount code']).toMatchObject({ count: 2, meanNps: 3 });
    expect(byTheme.checkout).toMatchObject({ count: 2, meanNps: 3.5 });
    expect(r.json.themes[0].theme).toBe('delivery');
    // Single mentions are not themes, and no theme is a stop word.
    expect(byTheme.box).toBeUndefined();
    for (const x of r.json.themes) expect(['the', 'my', 'was', 'at', 'on']).not.toContain(x.theme);
  });

  it('tags a theme by the scores of those who raised it, not against them, and says what the tag rests on', async () => {
    // Kind words from detractors: the words read positive, their NPS answers are 1 to 3 (with the
    // damaged box of before, which the lexicon reads as packaging too).
    await t.request('POST', `/v1/sites/${site.publicKey}/responses`, {
      responses: [
        comment(2, 'Lovely packaging, great job, but I am leaving'),
        comment(3, 'The packaging was nice and good'),
        comment(1, 'Great packaging, thanks'),
        // Comments without any score (on the newsletter, which the lexicon calls email): the words say the tone.
        makeResponse({
          createdAt: '2026-03-10T12:00:00Z',
          answers: [{ questionId: 'why', value: 'The newsletter is wonderful and kind' }],
        }),
        makeResponse({
          createdAt: '2026-03-10T12:00:00Z',
          answers: [{ questionId: 'why', value: 'A great newsletter, lovely' }],
        }),
      ],
    });
    const r = await t.admin('GET', `/v1/sites/${site.id}/reports/themes?from=2026-03-01&to=2026-03-31`);
    const byTheme = Object.fromEntries(r.json.themes.map((x: { theme: string }) => [x.theme, x]));
    expect(byTheme.packaging.sentiment).toBeGreaterThan(0.05);
    expect(byTheme.packaging).toMatchObject({
      meanNps: 2.25,
      npsAnswers: 4,
      tone: 'negative',
      toneFrom: 'nps',
      wordsTone: 'positive',
    });
    expect(byTheme.email).toMatchObject({
      npsAnswers: 0,
      tone: 'positive',
      toneFrom: 'words',
      wordsTone: 'positive',
    });
    // No theme is tagged against its scores: positive never with an average NPS under 7.
    for (const x of r.json.themes)
      if (x.npsAnswers >= 2 && x.meanNps < 7) expect(x.tone, x.theme).toBe('negative');
  });

  it('reads each comment once: readings are kept, reused, and read again when their version is old', async () => {
    const url = `/v1/sites/${site.id}/reports/themes?from=2026-03-01&to=2026-03-31`;
    const first = await t.admin('GET', url);
    const kept = await t.db.all<{ phrases: string }>(
      'SELECT phrases FROM text_readings ORDER BY response_id',
    );
    expect(kept).toHaveLength(6);
    // A kept reading is used as it is: change one and the report follows it.
    await t.db.run(`UPDATE text_readings SET phrases = '["parcel"]' WHERE phrases LIKE '%delivery%'`);
    const second = await t.admin('GET', url);
    const themes = (r: typeof first) => r.json.themes.map((x: { theme: string }) => x.theme);
    expect(themes(second)).toContain('parcel');
    expect(themes(second)).not.toContain('delivery');
    // Readings of an older version are read again from the text.
    await t.db.run('UPDATE text_readings SET version = version - 1');
    const third = await t.admin('GET', url);
    expect(third.json).toEqual(first.json);
  });
});

describe('extractPhrases', () => {
  it('keeps noun phrases, singular, without pronouns or articles', () => {
    expect(extractPhrases('My discount codes did not work at the checkout')).toEqual(
      expect.arrayContaining(['discount code', 'checkout']),
    );
    expect(extractPhrases('I love it')).toEqual([]);
  });

  it('leaves out spans of time: "in minutes" or "two weeks" is no theme', () => {
    expect(extractPhrases('Shipping took almost two weeks')).toEqual(['shipping']);
    expect(extractPhrases('Support solved my problem in minutes')).toEqual(['support', 'problem']);
  });
});
