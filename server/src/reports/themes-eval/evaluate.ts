import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Labelled = { text: string; themes: string[]; sentiment: 'positive' | 'negative' | 'neutral' };
export type Reader = { phrases: (text: string) => string[]; sentiment: (text: string) => number };

/** The hand-labelled comments kept beside this file (`sentiment<TAB>themes<TAB>comment`). */
export function readLabelledComments(): Labelled[] {
  const file = join(dirname(fileURLToPath(import.meta.url)), 'labelled-comments.tsv');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const [sentiment, themes, text] = l.split('\t');
      return {
        sentiment: sentiment as Labelled['sentiment'],
        themes: themes!.split(',').map((t) => t.trim()),
        text: text!,
      };
    });
}

const words = (s: string) =>
  s
    .toLowerCase()
    .split(/[\s-]+/)
    .filter(Boolean);
const stem = (w: string) => w.replace(/(ies)$/, 'y').replace(/(es|s)$/, '');

/**
 * A phrase names a theme when its head (last word) is one of the theme's words, or the theme's
 * head is one of the phrase's words: "delivery date" names delivery; "box" does not name packaging.
 */
export function namesTheme(phrase: string, theme: string): boolean {
  const p = words(phrase).map(stem);
  const t = words(theme).map(stem);
  return t.includes(p.at(-1)!) || p.includes(t.at(-1)!);
}

/** A sentiment score as a label: within ±0.05 of 0 is neutral. */
export const toSentimentLabel = (s: number): Labelled['sentiment'] =>
  s > 0.05 ? 'positive' : s < -0.05 ? 'negative' : 'neutral';

/**
 * How a reader does on the labelled set. Precision: the share of the phrases it finds that name
 * one of the comment's themes (a weak theme such as "times" or "problem" counts against it).
 * Recall: the share of labelled themes it finds. Sentiment accuracy: the share of comments whose
 * label (positive, negative, neutral) it gives.
 */
export function evaluateReader(reader: Reader, set: Labelled[]) {
  let found = 0;
  let right = 0;
  let themes = 0;
  let recalled = 0;
  let agree = 0;
  const wrong: string[] = [];
  for (const c of set) {
    const phrases = reader.phrases(c.text);
    found += phrases.length;
    for (const p of phrases) {
      if (c.themes.some((t) => namesTheme(p, t))) right++;
      else wrong.push(p);
    }
    themes += c.themes.length;
    recalled += c.themes.filter((t) => phrases.some((p) => namesTheme(p, t))).length;
    if (toSentimentLabel(reader.sentiment(c.text)) === c.sentiment) agree++;
  }
  const counts = new Map<string, number>();
  for (const w of wrong) counts.set(w, (counts.get(w) ?? 0) + 1);
  return {
    comments: set.length,
    precision: found ? right / found : 0,
    recall: themes ? recalled / themes : 0,
    sentimentAccuracy: agree / set.length,
    commonMisses: [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10),
  };
}
