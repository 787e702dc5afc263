import { type ReportFilter, round2, type Themes } from '@moments/shared';
import nlp from 'compromise';
import Sentiment from 'sentiment';
import type { Db } from '../db/index.js';
import { selectScoreSource } from './filters.js';

const MAX_COMMENTS = 5000;
const MIN_COUNT = 2;
const MAX_THEMES = 25;
const sentiment = new Sentiment();

/**
 * The noun phrases of a comment (compromise's part-of-speech tagging, offline), without
 * pronouns, articles or possessives, singular and lower case: "my discount codes" → "discount code".
 */
export function extractPhrases(text: string): string[] {
  const doc = nlp(text);
  doc.nouns().toSingular();
  const phrases = doc
    .match('#Noun+')
    .not('(#Pronoun|#Determiner|#Possessive|#Value)')
    .out('array') as string[];
  const cleaned = phrases
    .map((p) =>
      p
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s'-]/gu, '')
        .trim(),
    )
    .filter((p) => p.length >= 3);
  return [...new Set(cleaned)];
}

/** Sentiment from −1 to 1 (AFINN-165 word scores per word, clipped). */
export function scoreSentiment(text: string): number {
  return Math.max(-1, Math.min(1, sentiment.analyze(text).comparative / 2));
}

type Comment = { text: string; nps: number | null; csat: number | null };

/** Recurring themes in the period's text answers: count, share, the scores and sentiment of those who raise them, quotes. */
export async function getThemes(db: Db, siteId: string, f: ReportFilter): Promise<Themes> {
  const source = selectScoreSource(siteId, f, Date.now(), { raw: true });
  // `qtype || ''` keeps SQLite's planner on the primary key (site_id, response_id) for each
  // comment's scores; on the bare column it chose the qtype index and scanned every NPS answer (0.7 s).
  const rows = await db.all<{ value_text: string; nps: number | null; csat: number | null }>(
    `SELECT value_text,
       (SELECT s.value_num FROM answers s WHERE s.site_id = answers.site_id AND s.response_id = answers.response_id AND s.qtype || '' = 'nps') AS nps,
       (SELECT s.value_num FROM answers s WHERE s.site_id = answers.site_id AND s.response_id = answers.response_id AND s.qtype || '' = 'csat') AS csat
     FROM answers WHERE ${source.where} AND qtype = 'text' AND value_text IS NOT NULL
     ORDER BY created_at DESC LIMIT ${MAX_COMMENTS}`,
    source.params,
  );
  const comments: Comment[] = rows.map((r) => ({ text: r.value_text, nps: r.nps, csat: r.csat }));
  const byTheme = new Map<string, { comments: Comment[]; sentiment: number[] }>();
  // Tagging is the cost (about 2 ms a comment): a text said many times ("Great service") is read once.
  const read = new Map<string, { s: number; phrases: string[] }>();
  for (const c of comments) {
    let r = read.get(c.text);
    if (!r) {
      r = { s: scoreSentiment(c.text), phrases: extractPhrases(c.text) };
      read.set(c.text, r);
    }
    const { s } = r;
    for (const phrase of r.phrases) {
      const entry = byTheme.get(phrase) ?? { comments: [], sentiment: [] };
      entry.comments.push(c);
      entry.sentiment.push(s);
      byTheme.set(phrase, entry);
    }
  }
  const mean = (xs: (number | null)[]) => {
    const v = xs.filter((x): x is number => x !== null);
    return v.length ? round2(v.reduce((a, b) => a + b, 0) / v.length) : null;
  };
  const themes = [...byTheme.entries()]
    .filter(([, e]) => e.comments.length >= MIN_COUNT)
    .map(([theme, e]) => {
      const tone = mean(e.sentiment)!;
      return {
        theme,
        count: e.comments.length,
        share: round2(e.comments.length / comments.length),
        meanNps: mean(e.comments.map((c) => c.nps)),
        meanCsat: mean(e.comments.map((c) => c.csat)),
        sentiment: tone,
        tone:
          tone < -0.05 ? ('negative' as const) : tone > 0.05 ? ('positive' as const) : ('neutral' as const),
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
