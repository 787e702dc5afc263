// pnpm --filter @moments/server eval:themes — the themes report's reading of comments (noun
// phrases and sentiment) against hand-labelled comments: precision, recall and sentiment accuracy.
import Sentiment from 'sentiment';
import { extractPhrases, readThemes, scoreSentiment } from '../src/reports/themes.js';
import { evaluateReader, readLabelledComments } from '../src/reports/themes-eval/evaluate.js';

const set = readLabelledComments();
const afinn = new Sentiment();
/** The report's sentiment before the shop's words were added: AFINN-165 alone. */
const afinnOnly = (text: string) => Math.max(-1, Math.min(1, afinn.analyze(text).comparative / 2));
const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
const readers = [
  ['compromise noun phrases + AFINN-165 (before)', { phrases: extractPhrases, sentiment: afinnOnly }],
  [
    'compromise + the shop lexicon + AFINN-165 with shop words (the report)',
    { phrases: readThemes, sentiment: scoreSentiment },
  ],
] as const;
console.log(`Themes on ${set.length} labelled comments:`);
for (const [name, reader] of readers) {
  const r = evaluateReader(reader, set);
  console.log(`- ${name}`);
  console.log(
    `  theme precision ${pct(r.precision)}, recall ${pct(r.recall)}, sentiment accuracy ${pct(r.sentimentAccuracy)}`,
  );
  console.log(
    `  phrases most often not a labelled theme: ${r.commonMisses.map(([p, n]) => `${p} (${n})`).join(', ')}`,
  );
}
