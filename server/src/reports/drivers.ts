import { type Drivers, getRelativeWeights, placeDriver, type ReportFilter, round2 } from '@moments/shared';
import type { Db } from '../db/index.js';
import { ValidationError } from '../domain/errors.js';
import { findSurveysForIngest } from '../surveys/queries.js';
import { whereAnswers } from './filters.js';
import { resolvePeriod } from './period.js';

type DriverQuestion = { driver: string; questionId: string; scale: number };

/**
 * Which drivers move the outcome: Johnson's relative weights from cross sums computed in SQL over
 * responses that answered the outcome and every driver, beside each driver's mean rating.
 */
export async function getDrivers(
  db: Db,
  siteId: string,
  f: ReportFilter & { surveyId: string; outcome: 'nps' | 'csat' },
): Promise<Drivers | undefined> {
  const survey = (await findSurveysForIngest(db, siteId, [f.surveyId])).get(f.surveyId);
  if (!survey) return undefined;
  if (!survey.questions.some((q) => q.type === f.outcome)) {
    throw new ValidationError([
      { path: 'outcome', message: `survey ${f.surveyId} asks no ${f.outcome} question` },
    ]);
  }
  const drivers: DriverQuestion[] = survey.questions.flatMap((q) =>
    q.type === 'rating' && q.driver ? [{ driver: q.driver, questionId: q.id, scale: q.scale }] : [],
  );
  if (!drivers.length)
    throw new ValidationError([
      { path: 'surveyId', message: `survey ${f.surveyId} has no driver questions` },
    ]);

  const { from, to } = resolvePeriod(f);
  // Every filter a report takes, the plan included (API.md).
  const { where, params } = whereAnswers(siteId, f, from, to);
  const xs = drivers.map((_, i) => `x${i}`);
  const pivot = drivers
    .map((_, i) => `MAX(CASE WHEN question_id = ? THEN value_num END) AS x${i}`)
    .join(', ');
  const sums = [
    'COUNT(*) AS n',
    'SUM(y) AS sy',
    'SUM(y * y) AS syy',
    ...xs.map((x) => `SUM(${x}) AS s_${x}`),
    ...xs.map((x) => `SUM(${x} * y) AS sy_${x}`),
    ...xs.flatMap((a, i) => xs.slice(i).map((b) => `SUM(${a} * ${b}) AS s_${a}_${b}`)),
  ].join(', ');
  const row = await db.get<Record<string, number | null>>(
    `WITH per AS (
       SELECT response_id, MAX(CASE WHEN qtype = ? THEN value_num END) AS y, ${pivot}
       FROM answers WHERE ${where} GROUP BY response_id
     )
     SELECT ${sums} FROM per WHERE y IS NOT NULL AND ${xs.map((x) => `${x} IS NOT NULL`).join(' AND ')}`,
    [f.outcome, ...drivers.map((d) => d.questionId), ...params],
  );
  const means = await db.all<{ question_id: string; mean: number; n: number }>(
    `SELECT question_id, AVG(value_num) AS mean, COUNT(*) AS n FROM answers
     WHERE ${where} AND question_id IN (${drivers.map(() => '?').join(', ')}) GROUP BY question_id`,
    [...params, ...drivers.map((d) => d.questionId)],
  );
  const n = Number(row?.n ?? 0);
  const num = (k: string) => Number(row?.[k] ?? 0);
  const rw =
    n > 0
      ? getRelativeWeights({
          n,
          sumY: num('sy'),
          sumYY: num('syy'),
          sumX: xs.map((x) => num(`s_${x}`)),
          sumXY: xs.map((x) => num(`sy_${x}`)),
          sumXX: xs.map((a, i) => xs.map((b, j) => num(i <= j ? `s_${a}_${b}` : `s_${b}_${a}`))),
        })
      : null;
  const performance = drivers.map((d) => {
    const m = means.find((x) => x.question_id === d.questionId);
    return m ? (Number(m.mean) - 1) / (d.scale - 1) : null;
  });
  const known = performance.filter((p): p is number => p !== null);
  const averagePerformance = known.reduce((a, b) => a + b, 0) / (known.length || 1);
  const rows = drivers.map((d, i) => {
    const m = means.find((x) => x.question_id === d.questionId);
    const weight = rw?.weights[i] ?? null;
    const share = rw && weight !== null && rw.r2 > 0 ? weight / rw.r2 : null;
    const perf = performance[i];
    // Off both average lines by more than a margin, or on a line with no quadrant (DRIVER_ON_AVERAGE).
    const place =
      share === null || perf == null ? null : placeDriver(share, drivers.length, perf, averagePerformance);
    return {
      driver: d.driver,
      questionId: d.questionId,
      importance: weight === null ? null : round2(weight * 1000) / 1000,
      share: share === null ? null : round2(share),
      mean: m ? round2(Number(m.mean)) : null,
      scale: d.scale,
      n: m ? Number(m.n) : 0,
      position: place?.position ?? null,
      quadrant: place?.quadrant ?? null,
    };
  });
  return {
    surveyId: f.surveyId,
    outcome: f.outcome,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    n,
    r2: rw ? round2(rw.r2 * 1000) / 1000 : null,
    drivers: rows.sort((a, b) => (b.importance ?? -1) - (a.importance ?? -1)),
  };
}
