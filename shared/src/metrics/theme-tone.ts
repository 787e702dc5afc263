export type Tone = 'negative' | 'neutral' | 'positive';

/** The sentiment of a theme's words (−1 to 1) beyond which they read negative or positive. */
export const WORDS_TONE = { negative: -0.05, positive: 0.05 } as const;

/**
 * Where the average score of a theme's responses reads negative (below) or positive (at or above):
 * NPS below 7 is a detractor's answer on average, 9 or more a promoter's; CSAT below 3 is on the
 * unsatisfied side of the middle, 4 or more satisfied.
 */
export const SCORE_TONE = {
  nps: { negative: 7, positive: 9 },
  csat: { negative: 3, positive: 4 },
} as const;

/** How many of a theme's responses must carry a score for the scores to set its tone. */
export const MIN_SCORED_FOR_TONE = 2;

/** The tone of a theme's words alone. */
export function toneOfWords(sentiment: number): Tone {
  return sentiment < WORDS_TONE.negative
    ? 'negative'
    : sentiment > WORDS_TONE.positive
      ? 'positive'
      : 'neutral';
}

/**
 * A theme's tone, never against the scores of those who raised it: from their average NPS or CSAT
 * (the one more of them answered, NPS on a tie; 2 answers at least), else from the words of the
 * comments. `from` says which.
 */
export function toneOfTheme(t: {
  sentiment: number;
  meanNps: number | null;
  npsAnswers: number;
  meanCsat: number | null;
  csatAnswers: number;
}): { tone: Tone; from: 'nps' | 'csat' | 'words'; wordsTone: Tone } {
  const wordsTone = toneOfWords(t.sentiment);
  const nps = t.meanNps != null && t.npsAnswers >= MIN_SCORED_FOR_TONE ? t.npsAnswers : 0;
  const csat = t.meanCsat != null && t.csatAnswers >= MIN_SCORED_FOR_TONE ? t.csatAnswers : 0;
  if (!nps && !csat) return { tone: wordsTone, from: 'words', wordsTone };
  const from = nps >= csat ? 'nps' : 'csat';
  const mean = (from === 'nps' ? t.meanNps : t.meanCsat)!;
  const edge = SCORE_TONE[from];
  const tone = mean < edge.negative ? 'negative' : mean >= edge.positive ? 'positive' : 'neutral';
  return { tone, from, wordsTone };
}
