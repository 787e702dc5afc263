import { type ReportFilter, round2, type Themes, toneOfTheme } from '@moments/shared';
import type { Db } from '../db/index.js';
import { selectScoreSource } from './filters.js';
import { type Reading, readTextsHere, type TextReader } from './read-text.js';

const MAX_COMMENTS = 5000;
const MIN_COUNT = 2;
const MAX_THEMES = 25;

export { extractPhrases, readThemes, scoreSentiment } from './read-text.js';

type Comment = { text: string; nps: number | null; csat: number | null };

/** Bumped when extractPhrases or scoreSentiment change: older readings are read again. */
export const READING_VERSION = 4;

/**
 * Each comment's reading, from `text_readings` when kept, else read now by `readTexts` (off the
 * event loop on Node; a text said many times is read once) and kept for the next report.
 */
export async function readComments(
  db: Db,
  siteId: string,
  rows: {
    response_id: string;
    question_id: string;
    value_text: string;
    phrases: string | null;
    sentiment: number | null;
  }[],
  readTexts: TextReader = readTextsHere,
): Promise<Reading[]> {
  const unread = [...new Set(rows.filter((r) => r.phrases === null).map((r) => r.value_text))];
  const read = await readTexts(unread);
  const byText = new Map(unread.map((text, i) => [text, read[i]!]));
  const fresh: (string | number)[][] = [];
  const readings = rows.map((r) => {
    if (r.phrases !== null)
      return { phrases: JSON.parse(r.phrases) as string[], sentiment: Number(r.sentiment) };
    const reading = byText.get(r.value_text)!;
    fresh.push([
      siteId,
      r.response_id,
      r.question_id,
      READING_VERSION,
      JSON.stringify(reading.phrases),
      reading.sentiment,
    ]);
    return reading;
  });
  for (let i = 0; i < fresh.length; i += 500) {
    await db.insertRows(
      'text_readings',
      ['site_id', 'response_id', 'question_id', 'version', 'phrases', 'sentiment'],
      fresh.slice(i, i + 500),
      {
        onConflict:
          'ON CONFLICT (site_id, response_id, question_id) DO UPDATE SET version = excluded.version, phrases = excluded.phrases, sentiment = excluded.sentiment',
      },
    );
  }
  return readings;
}

/** Recurring themes in the period's text answers: count, share, the scores and sentiment of those who raise them, quotes. */
export async function getThemes(
  db: Db,
  siteId: string,
  f: ReportFilter,
  readTexts: TextReader = readTextsHere,
): Promise<Themes> {
  const source = selectScoreSource(siteId, f, Date.now(), { raw: true });
  // `qtype || ''` keeps SQLite's planner on the primary key (site_id, response_id) for each
  // comment's scores; on the bare column it chose the qtype index and scanned every NPS answer (0.7 s).
  const one = (col: string, from: string, on: string) =>
    `(SELECT s.${col} FROM ${from} s WHERE s.site_id = answers.site_id AND s.response_id = answers.response_id AND ${on})`;
  const rows = await db.all<{
    response_id: string;
    question_id: string;
    value_text: string;
    nps: number | null;
    csat: number | null;
    phrases: string | null;
    sentiment: number | null;
  }>(
    `SELECT response_id, question_id, value_text,
       ${one('value_num', 'answers', "s.qtype || '' = 'nps'")} AS nps,
       ${one('value_num', 'answers', "s.qtype || '' = 'csat'")} AS csat,
       ${one('phrases', 'text_readings', `s.question_id = answers.question_id AND s.version = ${READING_VERSION}`)} AS phrases,
       ${one('sentiment', 'text_readings', `s.question_id = answers.question_id AND s.version = ${READING_VERSION}`)} AS sentiment
     FROM answers WHERE ${source.where} AND qtype = 'text' AND value_text IS NOT NULL
     ORDER BY created_at DESC LIMIT ${MAX_COMMENTS}`,
    source.params,
  );
  const readings = await readComments(db, siteId, rows, readTexts);
  const comments: Comment[] = rows.map((r) => ({ text: r.value_text, nps: r.nps, csat: r.csat }));
  const byTheme = new Map<string, { comments: Comment[]; sentiment: number[] }>();
  comments.forEach((c, i) => {
    const { phrases, sentiment: s } = readings[i]!;
    for (const phrase of phrases) {
      const entry = byTheme.get(phrase) ?? { comments: [], sentiment: [] };
      entry.comments.push(c);
      entry.sentiment.push(s);
      byTheme.set(phrase, entry);
    }
  });
  const mean = (xs: (number | null)[]) => {
    const v = xs.filter((x): x is number => x !== null);
    return v.length ? round2(v.reduce((a, b) => a + b, 0) / v.length) : null;
  };
  const themes = [...byTheme.entries()]
    .filter(([, e]) => e.comments.length >= MIN_COUNT)
    .map(([theme, e]) => {
      const scores = {
        sentiment: mean(e.sentiment)!,
        meanNps: mean(e.comments.map((c) => c.nps)),
        meanCsat: mean(e.comments.map((c) => c.csat)),
        npsAnswers: e.comments.filter((c) => c.nps !== null).length,
        csatAnswers: e.comments.filter((c) => c.csat !== null).length,
      };
      // The tone follows the scores of those who raised it where they gave any, the words else:
      // a lexicon reads "the courier missed the slot" as mild, its detractors do not.
      const { tone, from, wordsTone } = toneOfTheme(scores);
      return {
        theme,
        count: e.comments.length,
        share: round2(e.comments.length / comments.length),
        ...scores,
        tone,
        toneFrom: from,
        wordsTone,
        examples: [...new Set(e.comments.map((c) => c.text))].slice(0, 3),
      };
    })
    .sort((a, b) => b.count - a.count || a.theme.localeCompare(b.theme))
    .slice(0, MAX_THEMES);
  return {
    from: new Date(source.from).toISOString(),
    to: new Date(source.to).toISOString(),
    comments: comments.length,
    themes,
  };
}
