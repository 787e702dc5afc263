import {
  getBand,
  getQuestionRange,
  getWilsonInterval,
  round2,
  SCALE_RANGES,
  type Survey,
  type SurveyResults,
  summarizeCsat,
  summarizeMean,
  summarizeNps,
} from '@moments/shared';
import type { Db } from '../db/index.js';
import { resolvePeriod } from './period.js';

/** Latest comments given per text question. */
const TEXTS_PER_QUESTION = 20;

type Count = { question_id: string; value_num: number | null; value_text: string | null; n: number };

/** To a hundredth of a percent: 3 answers of 1,978 are 0.0015, not 0 (read as '0%' beside 3). */
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

const shareOf = (count: number, n: number) => {
  const ci = n ? getWilsonInterval(Math.min(count, n), n) : null;
  return {
    count,
    share: n ? round4(count / n) : null,
    ci95: ci && ([round4(ci[0]), round4(ci[1])] as [number, number]),
  };
};

/** Choice answers hold one option id, or a JSON array of them when several may be picked. */
const optionIds = (text: string | null): string[] =>
  !text ? [] : text.startsWith('[') ? (JSON.parse(text) as string[]) : [text];

/**
 * A survey's answers question by question over a period: each scale's full distribution and mean,
 * each option's share of those who answered, the latest comments. Counting happens in SQL
 * (GROUP BY question and value); only the few distinct values come back.
 */
export async function getSurveyResults(
  db: Db,
  siteId: string,
  survey: Survey,
  f: { from?: string; to?: string },
): Promise<SurveyResults> {
  const { from, to } = resolvePeriod(f);
  const where = 'site_id = ? AND survey_id = ? AND created_at >= ? AND created_at < ?';
  const params = [siteId, survey.id, from, to];
  const [counts, texts] = await Promise.all([
    db.all<Count>(
      `SELECT question_id, value_num, CASE WHEN qtype = 'choice' THEN value_text END AS value_text, COUNT(*) AS n
       FROM answers WHERE ${where} AND qtype <> 'text' GROUP BY 1, 2, 3`,
      params,
    ),
    db.all<{ question_id: string; value_text: string; created_at: number; response_id: string; n: number }>(
      `SELECT question_id, value_text, created_at, response_id FROM (
         SELECT question_id, value_text, created_at, response_id,
           ROW_NUMBER() OVER (PARTITION BY question_id ORDER BY created_at DESC, response_id DESC) AS rn
         FROM answers WHERE ${where} AND qtype = 'text' AND value_text <> ''
       ) latest WHERE rn <= ${TEXTS_PER_QUESTION} ORDER BY created_at DESC, response_id DESC`,
      params,
    ),
  ]);
  const textCounts = await db.all<{ question_id: string; n: number }>(
    `SELECT question_id, COUNT(*) AS n FROM answers WHERE ${where} AND qtype = 'text' AND value_text <> '' GROUP BY question_id`,
    params,
  );
  return {
    surveyId: survey.id,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    questions: survey.questions.map((q) => {
      const mine = counts.filter((c) => c.question_id === q.id);
      const n = mine.reduce((s, c) => s + Number(c.n), 0);
      const base = { id: q.id, type: q.type, text: q.text };
      const range = getQuestionRange(q);
      if (range) {
        const sum = mine.reduce((s, c) => s + (c.value_num ?? 0) * Number(c.n), 0);
        const values = Array.from({ length: range[1] - range[0] + 1 }, (_, i) => range[0] + i);
        const count = (band: string) =>
          q.type === 'nps' || q.type === 'csat'
            ? mine
                .filter((c) => c.value_num != null && getBand(q.type as 'nps' | 'csat', c.value_num) === band)
                .reduce((s, c) => s + Number(c.n), 0)
            : 0;
        // The question's score as the overview and the journey give it.
        const score =
          q.type === 'nps'
            ? {
                nps: summarizeNps({
                  promoters: count('promoter'),
                  passives: count('passive'),
                  detractors: count('detractor'),
                }),
              }
            : q.type === 'csat'
              ? { csat: summarizeCsat({ n, satisfied: count('satisfied'), sum }) }
              : q.type === 'ces'
                ? {
                    ces: summarizeMean(
                      { n, sum, sumSq: mine.reduce((s, c) => s + (c.value_num ?? 0) ** 2 * Number(c.n), 0) },
                      SCALE_RANGES.ces,
                    ),
                  }
                : {};
        return {
          ...base,
          n,
          ...score,
          mean: n ? round2(sum / n) : null,
          distribution: values.map((value) => ({
            value,
            ...shareOf(Number(mine.find((c) => c.value_num === value)?.n ?? 0), n),
          })),
        };
      }
      if (q.type === 'choice') {
        const picked = new Map<string, number>();
        for (const c of mine)
          for (const id of optionIds(c.value_text)) picked.set(id, (picked.get(id) ?? 0) + Number(c.n));
        return {
          ...base,
          n,
          options: q.options.map((o) => ({ id: o.id, label: o.label, ...shareOf(picked.get(o.id) ?? 0, n) })),
        };
      }
      return {
        ...base,
        n: Number(textCounts.find((c) => c.question_id === q.id)?.n ?? 0),
        texts: texts
          .filter((t) => t.question_id === q.id)
          .map((t) => ({
            text: t.value_text,
            at: new Date(t.created_at).toISOString(),
            responseId: t.response_id,
          })),
      };
    }),
  };
}
