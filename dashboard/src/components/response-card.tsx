import { getBand, type ListedResponse, type Survey } from '@moments/shared';
import { fmtDateTime, humanize } from '../format.js';
import { onLinkClick } from '../router.js';

type Answer = ListedResponse['answers'][number];

const SCALE: Record<string, string> = { nps: 'of 10', csat: 'of 5', ces: 'of 7, higher is easier' };

/** A rating question's scale (1 to n), by survey and question: a listed answer does not carry it. */
export type RatingScales = (surveyId: string, questionId: string) => number | undefined;

/** The rating scales of the surveys as they are now (a question removed since has none). */
export function ratingScales(surveys: Survey[] | undefined): RatingScales {
  const byKey = new Map<string, number>();
  for (const s of surveys ?? [])
    for (const q of s.questions) if (q.type === 'rating') byKey.set(`${s.id}\n${q.id}`, q.scale);
  return (surveyId, questionId) => byKey.get(`${surveyId}\n${questionId}`);
}

/** A multiple-choice option's label, by survey, question and option id: an answer carries only the id. */
export type ChoiceLabels = (surveyId: string, questionId: string, optionId: string) => string | undefined;

/** The option labels of the surveys as they are now (an option removed since is shown by its id). */
export function choiceLabels(surveys: Survey[] | undefined): ChoiceLabels {
  const byKey = new Map<string, string>();
  for (const s of surveys ?? [])
    for (const q of s.questions)
      if (q.type === 'choice') for (const o of q.options) byKey.set(`${s.id}\n${q.id}\n${o.id}`, o.label);
  return (surveyId, questionId, optionId) => byKey.get(`${surveyId}\n${questionId}\n${optionId}`);
}

/** An answer as a person reads it: the score with its scale and band, the options, or the words. */
function AnswerValue({
  a,
  ratingScale,
  label = (id) => id,
}: {
  a: Answer;
  ratingScale?: number;
  /** The words of a chosen option, as the customer saw them. */
  label?: (optionId: string) => string;
}) {
  if (typeof a.value === 'number') {
    const band = a.type === 'nps' || a.type === 'csat' || a.type === 'ces' ? getBand(a.type, a.value) : null;
    const scale = a.type === 'rating' ? (ratingScale ? `of ${ratingScale}` : '') : (SCALE[a.type] ?? '');
    return (
      <span>
        <strong>{a.value}</strong> <span class="muted">{scale}</span>
        {band && <span class={`pill band-${band}`}>{humanize(band)}</span>}
      </span>
    );
  }
  if (Array.isArray(a.value)) return <span>{a.value.map(label).join(', ')}</span>;
  if (a.type === 'text') return <q class="comment">{a.value}</q>;
  return <span>{a.type === 'choice' ? label(a.value) : a.value}</span>;
}

/** One response: when, which survey at which moment, who (linked), every answer, its follow-up. */
export function ResponseCard({
  r,
  showCustomer = true,
  scales,
  labels,
  focusable = false,
}: {
  r: ListedResponse;
  showCustomer?: boolean;
  /** Focusable from script (tabIndex −1): a list can move focus to the first card it added. */
  focusable?: boolean;
  /** Where rating questions' scales are found, so a rating reads "3 of 5". */
  scales?: RatingScales;
  /** Where multiple-choice options' labels are found, so an answer reads "Too expensive", not "price". */
  labels?: ChoiceLabels;
}) {
  const who = r.customer?.email ?? r.customer?.name ?? r.customer?.id;
  return (
    <article class="response" data-response={r.id} tabIndex={focusable ? -1 : undefined}>
      <header class="response-head">
        <time dateTime={r.createdAt}>{fmtDateTime(r.createdAt)}</time>
        <span>
          {r.surveyName ?? r.surveyId} · {humanize(r.moment)}
        </span>
        {!r.complete && <span class="pill watch">Partial</span>}
        {showCustomer &&
          (r.customer ? (
            <a href={`/app/customers/${encodeURIComponent(r.customer.id)}`} onClick={onLinkClick}>
              {who}
            </a>
          ) : (
            <span class="muted">Anonymous visitor</span>
          ))}
        {(r.team || r.agent) && (
          <span class="muted small">
            {[r.team && `team ${r.team}`, r.agent && `agent ${r.agent}`].filter(Boolean).join(' · ')}
          </span>
        )}
        {r.followUp && (
          <span class={`pill ${r.followUp.status}`}>Follow-up {humanize(r.followUp.status)}</span>
        )}
      </header>
      <dl class="answers">
        {r.answers.map((a) => (
          <div key={a.questionId}>
            <dt>
              {a.askedAs ?? a.question ?? a.questionId}
              {a.askedAs && a.question && a.askedAs !== a.question && (
                <span class="muted small reworded">
                  {' '}
                  (as asked then; worded “{a.question}” since an edit)
                </span>
              )}
            </dt>
            <dd>
              <AnswerValue
                a={a}
                ratingScale={scales?.(r.surveyId, a.questionId)}
                label={(id) => a.askedOptions?.[id] ?? labels?.(r.surveyId, a.questionId, id) ?? id}
              />
            </dd>
          </div>
        ))}
      </dl>
    </article>
  );
}
