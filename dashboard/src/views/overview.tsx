import {
  compareScores,
  getScoreWithError,
  type Journey,
  type Metric,
  type Summary,
  summarizeNps,
  Z95,
} from '@moments/shared';
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { LineChart } from '../components/line-chart.js';
import { Stat } from '../components/stat.js';
import { Empty, Loaded } from '../components/states.js';
import { DIGITS, fmt, fmtCi, fmtDate, fmtPct, humanize, METRIC_LABEL } from '../format.js';
import { useDashboard, useLoad } from '../state.js';

/** A summary's score and standard error for a metric (CES's from its interval: t ≈ z at these sizes). */
function scoreWithError(s: Summary, metric: Metric) {
  if (metric === 'ces') {
    const { mean, ci95 } = s.ces;
    return mean == null || !ci95 ? null : { score: mean, se: (ci95[1] - ci95[0]) / (2 * Z95) };
  }
  const c = metric === 'nps' ? s.nps : s.csat;
  return getScoreWithError(metric, {
    n: c.n,
    sum: 0,
    sumSq: 0,
    promoters: s.nps.promoters,
    detractors: s.nps.detractors,
    satisfied: s.csat.satisfied,
  });
}

/** Set when the metric has answers, but fewer than the site's minimum sample. */
function tooFew(s: Summary, metric: Metric) {
  const r = s[metric];
  return r.insufficient && r.n > 0 ? { n: r.n, minN: s.minN } : undefined;
}

function changeOf(now: Summary, before: Summary, metric: Metric) {
  const a = scoreWithError(now, metric);
  const b = scoreWithError(before, metric);
  // Undefined: no score to compare; null: a score, but none in the period before to compare with.
  if (!a) return undefined;
  return b ? compareScores(a, b) : null;
}

/**
 * What the overview's scores hold of the moments where customers leave (a cancel survey): each
 * metric's answers there, and its score without them where the counts give it exactly (NPS, CSAT).
 */
function exitShares(now: Summary, journey: Journey) {
  const exits = journey.moments.filter((m) => m.exit);
  const sum = (f: (m: Journey['moments'][number]) => number) => exits.reduce((t, m) => t + f(m), 0);
  const nps = {
    n: sum((m) => m.nps.n),
    promoters: sum((m) => m.nps.promoters),
    detractors: sum((m) => m.nps.detractors),
  };
  const csat = { n: sum((m) => m.csat.n), satisfied: sum((m) => m.csat.satisfied) };
  const rest = {
    promoters: now.nps.promoters - nps.promoters,
    detractors: now.nps.detractors - nps.detractors,
  };
  const npsRest = now.nps.n - nps.n;
  return {
    moments: exits.filter((m) => m.nps.n + m.csat.n + m.ces.n > 0).map((m) => m.moment),
    parts: [
      {
        metric: 'nps' as const,
        n: nps.n,
        of: now.nps.n,
        without:
          npsRest > 0
            ? fmt(summarizeNps({ ...rest, passives: npsRest - rest.promoters - rest.detractors }).score)
            : null,
      },
      {
        metric: 'csat' as const,
        n: csat.n,
        of: now.csat.n,
        without:
          now.csat.n > csat.n
            ? `${fmt((100 * (now.csat.satisfied - csat.satisfied)) / (now.csat.n - csat.n))}%`
            : null,
      },
      { metric: 'ces' as const, n: sum((m) => m.ces.n), of: now.ces.n, without: null },
    ].filter((p) => p.n > 0),
  };
}

/**
 * Said under a score that counts answers at a moment where customers leave: how many, where, and
 * the score without them (NPS and CSAT, from the counts).
 */
function Includes({ metric, now, journey }: { metric: Metric; now: Summary; journey?: Journey }) {
  if (!journey) return null;
  const { moments, parts } = exitShares(now, journey);
  const part = parts.find((p) => p.metric === metric);
  if (!part) return null;
  return (
    <span class="stat-includes" data-testid={`includes-${metric}`}>
      Includes {fmt(part.n)} answer{part.n === 1 ? '' : 's'} at {moments.map(humanize).join(' and ')}, where
      customers leave
      {part.without == null ? '' : `; without them ${METRIC_LABEL[metric]} ${part.without}`}.
    </span>
  );
}

/** What a trend's numbers are: NPS in points (−100 to 100), CSAT a percentage, CES a mean of 1 to 7. */
const UNIT = { nps: ' points', csat: '%', ces: '' } as const;

export function OverviewView() {
  const { site, period, filter } = useDashboard();
  const [metric, setMetric] = useState<Metric>('nps');
  const [interval, setInterval] = useState<'week' | 'month'>('week');
  const summaries = useLoad(
    () => Promise.all([api.getSummary(site.id, filter), api.getSummary(site.id, period.previous)]),
    [site.id, period.from, period.to],
  );
  // The day of each metric's first answer in the period: the data may start after the period does.
  const firsts = useLoad(
    () =>
      Promise.all(
        (['nps', 'csat', 'ces'] as const).map(async (m) => {
          const days = await api.getTimeseries(site.id, { ...filter, metric: m, interval: 'day' });
          return [m, days.points.find((p) => p.n > 0)?.start] as const;
        }),
      ).then((pairs) => Object.fromEntries(pairs) as Partial<Record<Metric, string>>),
    [site.id, period.from, period.to],
  );
  const firstAnswer = firsts.data
    ? Object.values(firsts.data)
        .filter((d): d is string => !!d)
        .sort()[0]
    : undefined;
  const startsLater = firstAnswer && firstAnswer.slice(0, 10) > period.from ? firstAnswer : undefined;
  // Each moment's answers apart: what the scores hold of the moments where customers leave.
  const journey = useLoad(() => api.getJourney(site.id, filter), [site.id, period.from, period.to]);
  const series = useLoad(
    () => api.getTimeseries(site.id, { ...filter, metric, interval }),
    [site.id, period.from, metric, interval],
  );
  return (
    <section aria-labelledby="h-overview">
      <h1 id="h-overview">Overview</h1>
      <p class="lead">
        {period.label} ({fmtDate(period.from)} to {fmtDate(period.to)}), compared with the{' '}
        {period.label.toLowerCase().replace('last ', '')} before. Each score counts the answers to every
        survey that asks it, at every moment; the Journey shows each moment on its own.
        {startsLater && (
          <>
            {' '}
            <span data-testid="data-starts">
              The answers start on {fmtDate(startsLater)}: this period holds{' '}
              {Math.round((Date.parse(period.to) - Date.parse(startsLater.slice(0, 10))) / 86_400_000) + 1}{' '}
              days of answers, not {period.days}.
            </span>
          </>
        )}
      </p>
      <Loaded load={summaries}>
        {([now, before]) =>
          now.n === 0 ? (
            <Empty>
              No answers in this period yet. Add the snippet from <a href="/app/settings">Settings</a> to your
              site, or pick a longer period.
            </Empty>
          ) : (
            <div class="stats">
              <Stat
                label="NPS"
                value={fmt(now.nps.score)}
                detail={
                  <>
                    95% CI {fmtCi(now.nps.ci95)} · n = {fmt(now.nps.n)} · {fmt(now.nps.promoters)} promoters,{' '}
                    {fmt(now.nps.detractors)} detractors
                    <Includes metric="nps" now={now} journey={journey.data} />
                  </>
                }
                change={changeOf(now, before, 'nps')}
                tooFew={tooFew(now, 'nps')}
              />
              <Stat
                label="CSAT"
                value={now.csat.score == null ? '–' : `${fmt(now.csat.score)}%`}
                detail={
                  <>
                    95% CI {fmtCi(now.csat.ci95, 0, 1, '%')} · n = {fmt(now.csat.n)} · mean{' '}
                    {fmt(now.csat.mean, 2)} of 5
                    <Includes metric="csat" now={now} journey={journey.data} />
                  </>
                }
                change={changeOf(now, before, 'csat')}
                tooFew={tooFew(now, 'csat')}
              />
              <Stat
                label="CES (1 to 7, higher is easier)"
                value={fmt(now.ces.mean, 2)}
                detail={
                  <>
                    95% CI {fmtCi(now.ces.ci95, 2)} · n = {fmt(now.ces.n)} · mean of 1 (very difficult) to 7
                    (very easy)
                    <Includes metric="ces" now={now} journey={journey.data} />
                  </>
                }
                change={changeOf(now, before, 'ces')}
                tooFew={tooFew(now, 'ces')}
              />
              <Stat
                label="Response rate"
                value={fmtPct(now.responseRate.rate)}
                detail={
                  now.responseRate.unavailable ?? (
                    <>
                      95% CI {fmtCi(now.responseRate.ci95, 0, 100, '%')} · {fmt(now.responseRate.responses)}{' '}
                      answers of {fmt(now.responseRate.displays)} shown
                    </>
                  )
                }
              />
              <Stat
                label="Completion rate"
                value={fmtPct(now.completionRate.rate)}
                detail={
                  <>
                    {fmt(now.completionRate.completed)} of {fmt(now.completionRate.responses)} responses
                    answered to the end; partial ones count in every score
                  </>
                }
              />
            </div>
          )
        }
      </Loaded>
      <div class="card">
        <div class="card-head">
          <h2>Trend</h2>
          <div class="controls">
            <fieldset class="segmented">
              <legend class="sr-only">Metric</legend>
              {(['nps', 'csat', 'ces'] as const).map((m) => (
                <label key={m}>
                  <input type="radio" name="metric" checked={metric === m} onChange={() => setMetric(m)} />
                  {METRIC_LABEL[m]}
                </label>
              ))}
            </fieldset>
            <label>
              By{' '}
              <select
                value={interval}
                onChange={(e) => setInterval(e.currentTarget.value as 'week' | 'month')}
              >
                <option value="week">week</option>
                <option value="month">month</option>
              </select>
            </label>
          </div>
        </div>
        <Loaded load={series}>
          {(ts) =>
            ts.points.some((p) => p.n > 0) ? (
              <LineChart
                points={ts.points}
                label={METRIC_LABEL[metric]}
                digits={DIGITS[metric]}
                unit={UNIT[metric]}
                interval={interval}
                periodFrom={period.from}
                firstAnswer={firsts.data?.[metric]}
              />
            ) : (
              <Empty>No {METRIC_LABEL[metric]} answers in this period.</Empty>
            )
          }
        </Loaded>
        <p class="muted small">
          The shaded band is the 95% interval of each point: where bands overlap, the difference may be noise.
        </p>
      </div>
    </section>
  );
}
