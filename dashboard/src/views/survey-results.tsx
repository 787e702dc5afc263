import { getBand, type SurveyResults } from '@moments/shared';
import { api } from '../api.js';
import { Empty, Loaded } from '../components/states.js';
import { fmt, fmtCi, fmtDate, fmtPct, humanize, questionTypeLabel } from '../format.js';
import { onLinkClick } from '../router.js';
import { useDashboard, useLoad } from '../state.js';

type Question = SurveyResults['questions'][number];
const SCALE_NAME: Record<string, string> = {
  nps: 'NPS 0–10',
  csat: 'CSAT 1–5',
  ces: 'CES 1–7, higher is easier',
};
/** A share as a bar with its count and share; the interval when there is one. */
function BarRow({
  label,
  count,
  share,
  ci95,
  band,
}: {
  label: string;
  count: number;
  share: number | null;
  ci95?: [number, number] | null;
  band?: string;
}) {
  return (
    <li class="bar-row">
      <span class="bar-label">{label}</span>
      <span class="bar" aria-hidden="true">
        <span class={`bar-fill${band ? ` band-${band}` : ''}`} style={{ width: `${(share ?? 0) * 100}%` }} />
      </span>
      <span class="bar-value">
        {fmt(count)}{' '}
        <span class="muted">
          ({fmtPct(share)}
          {ci95 ? `, ${fmtCi(ci95, 0, 100, '%')}` : ''})
        </span>
      </span>
    </li>
  );
}

/** The question's score as the overview and the journey give it, with its 95% interval. */
function scoreOf(q: Question): [string, string] | undefined {
  if (q.nps?.score != null) return [`NPS ${fmt(q.nps.score)}`, fmtCi(q.nps.ci95)];
  if (q.csat?.score != null) return [`CSAT ${fmt(q.csat.score)}% satisfied`, fmtCi(q.csat.ci95, 0, 1, '%')];
  if (q.ces?.mean != null) return [`CES ${fmt(q.ces.mean, 2)} of 7`, fmtCi(q.ces.ci95, 2)];
  return undefined;
}

function QuestionResult({ q, surveyId }: { q: Question; surveyId: string }) {
  const scaled = q.type === 'nps' || q.type === 'csat' || q.type === 'ces';
  const score = scoreOf(q);
  return (
    <li class="card">
      <h2>{q.text}</h2>
      {score && (
        <p class="question-score">
          <strong>{score[0]}</strong> <span class="muted small">95% CI {score[1]}</span>
        </p>
      )}
      <p class="muted small">
        {questionTypeLabel(q.type)} · {fmt(q.n)} answers
        {q.mean != null &&
          ` · mean ${fmt(q.mean, 2)} (${SCALE_NAME[q.type] ?? `rating 1–${q.distribution?.length}`})`}
      </p>
      {q.distribution && (
        <ul class="bars" aria-label={`Answers to “${q.text}” by value`}>
          {q.distribution.map((d) => (
            <BarRow
              key={d.value}
              label={String(d.value)}
              count={d.count}
              share={d.share}
              band={scaled ? getBand(q.type as 'nps' | 'csat' | 'ces', d.value) : undefined}
            />
          ))}
        </ul>
      )}
      {q.options && (
        <ul class="bars" aria-label={`Options picked for “${q.text}”`}>
          {q.options.map((o) => (
            <BarRow key={o.id} label={o.label} count={o.count} share={o.share} ci95={o.ci95} />
          ))}
        </ul>
      )}
      {q.texts &&
        (q.texts.length ? (
          <>
            {q.texts.map((t) => (
              <blockquote key={t.responseId}>
                {t.text} <span class="muted small">({fmtDate(t.at)})</span>
              </blockquote>
            ))}
            <a
              href={`/app/responses?surveyId=${encodeURIComponent(surveyId)}&hasComment=true`}
              onClick={onLinkClick}
            >
              Read all {fmt(q.n)} comments with their scores
            </a>
          </>
        ) : (
          <p class="muted">No comment in this period.</p>
        ))}
    </li>
  );
}

/** One survey's results: response and completion rate, then every question's answers. */
export function SurveyResultsView({ surveyId }: { surveyId: string }) {
  const { site, filter, period } = useDashboard();
  const load = useLoad(
    () =>
      Promise.all([
        api.getSurvey(surveyId),
        api.getSurveyResults(site.id, { ...filter, surveyId }),
        api.getSummary(site.id, { ...filter, surveyId }),
      ]),
    [site.id, surveyId, filter.from, filter.to],
  );
  return (
    <section aria-labelledby="h-results">
      <p class="small">
        <a class="back" href="/app/surveys" onClick={onLinkClick}>
          ← All surveys
        </a>
      </p>
      <Loaded load={load}>
        {([survey, results, summary]) => (
          <>
            <h1 id="h-results">Results: {survey.name}</h1>
            <p class="lead">
              {humanize(survey.moment)}, {fmtDate(period.from)} to {fmtDate(period.to)} (both days included).
            </p>
            <div class="stats">
              <div class="stat">
                <div class="stat-label">Responses</div>
                <div class="stat-value">{fmt(summary.n)}</div>
              </div>
              <div class="stat">
                <div class="stat-label">Response rate</div>
                <div class="stat-value">{fmtPct(summary.responseRate.rate)}</div>
                <div class="stat-detail">
                  of {fmt(summary.responseRate.displays)} shown · 95% CI{' '}
                  {fmtCi(summary.responseRate.ci95, 0, 100, '%')}
                </div>
              </div>
              <div class="stat">
                <div class="stat-label">Completion rate</div>
                <div class="stat-value">{fmtPct(summary.completionRate.rate)}</div>
                <div class="stat-detail">
                  {fmt(summary.completionRate.completed)} of {fmt(summary.completionRate.responses)} finished
                  · 95% CI {fmtCi(summary.completionRate.ci95, 0, 100, '%')}
                </div>
              </div>
            </div>
            {summary.n === 0 ? (
              <Empty>No answers to this survey in this period.</Empty>
            ) : (
              <ol class="questions">
                {results.questions.map((q) => (
                  <QuestionResult key={q.id} q={q} surveyId={surveyId} />
                ))}
              </ol>
            )}
          </>
        )}
      </Loaded>
    </section>
  );
}
