import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

// Budgets in gzip -9 bytes of what a page downloads: the loader alone when no survey is due, and
// loader + survey chunk + the largest language chunk to show and submit a survey.
const LOADER_BUDGET = 2500;
// 12,000 until partial responses (resumed on a later visit, keeping only answers to questions the
// survey still asks), the durable outbox for tracked moments (shared with the loader as its own
// chunk), the keyboard fixes, the survey title and the guard against regex URL rules that
// backtrack for ever: about 850 bytes.
const SURVEY_BUDGET = 12_900;
const dist = join(import.meta.dirname, '../dist');
const gz = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;

describe('widget size budget (run after the build)', () => {
  it('keeps the loader and the survey within budget', () => {
    const chunks = readdirSync(join(dist, 'w'));
    const survey = chunks.find((f) => f.startsWith('survey.'));
    const langs = chunks.filter((f) => f.startsWith('l-'));
    expect(survey, 'run `pnpm --filter @moments/widget build` first').toBeDefined();
    expect(langs.length).toBeGreaterThanOrEqual(10);
    const loader = gz('w.js');
    const biggestLang = Math.max(...langs.map((f) => gz(`w/${f}`)));
    // The survey with every chunk it imports (the outbox it shares with the loader's moments).
    const shared = chunks.filter((f) => f.startsWith('c.'));
    expect(readFileSync(join(dist, 'w', survey!), 'utf8')).toMatch(/from"\.\/c\./);
    const total = loader + gz(`w/${survey}`) + shared.reduce((n, f) => n + gz(`w/${f}`), 0) + biggestLang;
    console.log(
      `widget gzip -9: loader ${loader} B (budget ${LOADER_BUDGET}); loader + survey + language ${total} B (budget ${SURVEY_BUDGET})`,
    );
    expect(loader).toBeLessThanOrEqual(LOADER_BUDGET);
    expect(total).toBeLessThanOrEqual(SURVEY_BUDGET);
  });
});
