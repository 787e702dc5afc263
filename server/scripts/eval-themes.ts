// pnpm --filter @moments/server eval:themes — the themes report's reading of comments (noun
// phrases and sentiment) against hand-labelled comments: precision, recall and sentiment accuracy.
import { extractPhrases, scoreSentiment } from '../src/reports/themes.js';
import { evaluateReader, readLabelledComments } from '../src/reports/themes-eval/evaluate.js';

const set = readLabelledComments();
const r = evaluateReader({ phrases: extractPhrases, sentiment: scoreSentiment }, set);
const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
console.log(`Themes on ${r.comments} labelled comments (compromise + sentiment/AFINN-165):`);
console.log(`  theme precision ${pct(r.precision)}  recall ${pct(r.recall)}  sentiment accuracy ${pct(r.sentimentAccuracy)}`);
console.log(`  phrases most often not a labelled theme: ${r.commonMisses.map(([p, n]) => `${p} (${n})`).join(', ')}`);
