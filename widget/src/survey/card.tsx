import type { Question, ShowIf } from '@moments/shared';
import { SCALE_RANGES, type ScaleMetric } from '@moments/shared/scales';
import { Component } from 'preact';
import type { WidgetSurvey } from '../types.js';
import { Scale } from './scale.js';
import { S, type StringList } from './strings.js';

export type AnswerValue = number | string | string[];
export type Answers = Record<string, AnswerValue>;

type Props = {
  survey: WidgetSurvey;
  t: StringList;
  lang: string;
  rtl: boolean;
  focus: boolean;
  /** Answers given on an earlier visit: the card opens at the first question still unanswered. */
  initial?: Answers;
  /** Each change of an answer, so it is saved as it is given. */
  onAnswer?: (answers: Answers) => void;
  onDone: (answers: Answers) => void;
  onClose: (answers: Answers, optOut: boolean) => void;
};

/** Where each scale's low end's words are in the strings; its high end's follow. */
const LOW = { nps: S.npsLow, csat: S.csatLow, ces: S.cesLow, rating: S.ratingLow };

/** Whether a question's condition holds for the answers so far. */
export function isShown(showIf: ShowIf | undefined, answers: Answers): boolean {
  if (!showIf) return true;
  const a = answers[showIf.questionId];
  if (a === undefined) return false;
  const v = showIf.value;
  switch (showIf.op) {
    case 'lte':
      return typeof a === 'number' && a <= Number(v);
    case 'gte':
      return typeof a === 'number' && a >= Number(v);
    case 'eq':
      return a === v;
    case 'neq':
      return a !== v;
    default:
      return (
        Array.isArray(v) &&
        (v as (string | number)[]).some((x) => (Array.isArray(a) ? a.includes(String(x)) : x === a))
      );
  }
}

type State = { answers: Answers; step: number; done: boolean; error: boolean };

/** The survey: one question a step, progress, a thank-you, close and "don't ask again". */
export class SurveyCard extends Component<Props, State> {
  override state: State = (() => {
    const answers = this.props.initial ?? {};
    const visible = this.props.survey.questions.filter((q) => isShown(q.showIf, answers));
    const open = visible.findIndex((q) => answers[q.id] === undefined);
    return { answers, step: open < 0 ? visible.length - 1 : open, done: false, error: false };
  })();
  // Focus follows the customer once they use the survey; it is never taken from a page they are reading.
  interacted = this.props.focus;
  root: HTMLDivElement | null = null;

  override componentDidMount() {
    this.focusStep();
  }

  override componentDidUpdate(_p: Props, prev: State) {
    if (prev.step !== this.state.step || prev.done !== this.state.done) this.focusStep();
  }

  focusStep() {
    if (this.interacted)
      this.root?.querySelector<HTMLElement>('[tabindex="0"],input,textarea,h2[tabindex]')?.focus();
  }

  override render({ survey, t, lang, rtl, onDone, onClose }: Props, { answers, step, done, error }: State) {
    const tr = survey.translations[lang];
    const visible = survey.questions.filter((q) => isShown(q.showIf, answers));
    const q = visible[Math.min(step, visible.length - 1)]!;
    const text = (x: Question) => tr?.questions[x.id]?.text || x.text;
    const headingId = `mo-q-${q.id}`;
    const last = step >= visible.length - 1;
    // Out of the questions shown and those whose condition waits on an answer not given yet: the
    // count may fall as answers come, never rise (it read "1 of 4", then "5 of 5").
    const m = survey.questions.filter(
      (x) => isShown(x.showIf, answers) || !(x.showIf!.questionId in answers),
    ).length;
    const progress = t[S.progress].replace('{n}', String(step + 1)).replace('{m}', String(m));
    const thanks = survey.thanks || tr?.thanks || t[S.thanks];
    const title = tr?.title || survey.title;

    const set = (v: AnswerValue) => {
      const next = { ...answers, [q.id]: v };
      this.setState({ error: false, answers: next });
      this.props.onAnswer?.(next);
    };
    const next = () => {
      const a = answers[q.id];
      if (q.required && (a === undefined || a === '' || (Array.isArray(a) && !a.length))) {
        this.setState({ error: true });
      } else if (last) {
        this.setState({ done: true });
        onDone(answers);
      } else this.setState({ step: step + 1 });
    };

    const touched = () => {
      this.interacted = true;
    };

    let input: preact.JSX.Element;
    // The fixed scales from shared/ (CES 2.0: 1 very difficult … 7 very easy); a rating is 1..N.
    // Every scale names its ends (CES: 'Very difficult' at 1, 'Very easy' at 7), a rating's too.
    const range = q.type === 'rating' ? [1, q.scale] : SCALE_RANGES[q.type as ScaleMetric];
    if (range) {
      input = (
        <Scale
          min={range[0]!}
          max={range[1]!}
          value={answers[q.id] as number | undefined}
          labelledBy={headingId}
          low={t[LOW[q.type as 'nps']]}
          high={t[(LOW[q.type as 'nps'] + 1) as S]}
          rtl={rtl}
          onChange={set}
          onEnter={next}
        />
      );
    } else if (q.type === 'choice') {
      const picked = answers[q.id];
      input = (
        <fieldset aria-labelledby={headingId}>
          {q.options.map((o) => {
            const on = Array.isArray(picked) ? picked.includes(o.id) : picked === o.id;
            return (
              <label class="opt" key={o.id}>
                <input
                  type={q.multiple ? 'checkbox' : 'radio'}
                  name={q.id}
                  checked={on}
                  onChange={() =>
                    set(
                      q.multiple
                        ? on
                          ? (picked as string[]).filter((x) => x !== o.id)
                          : [...((picked as string[]) ?? []), o.id]
                        : o.id,
                    )
                  }
                />
                {tr?.questions[q.id]?.options?.[o.id] || o.label}
              </label>
            );
          })}
        </fieldset>
      );
    } else {
      input = (
        <textarea
          aria-labelledby={headingId}
          maxLength={(q as { maxLength: number }).maxLength}
          value={(answers[q.id] as string) ?? ''}
          onInput={(e) => set((e.target as HTMLTextAreaElement).value)}
          // Enter sends, as in a chat box; Shift+Enter (or an IME still composing) makes a new line.
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
              e.preventDefault();
              next();
            }
          }}
        />
      );
    }

    return (
      <div
        class="card"
        role="dialog"
        aria-labelledby={done ? undefined : headingId}
        aria-label={done ? t[S.survey] : undefined}
        dir={rtl ? 'rtl' : 'ltr'}
        lang={lang}
        ref={(el) => {
          this.root = el;
        }}
        onPointerDown={touched}
        // Escape is the mount's (main.tsx): it closes the survey from the page too.
        onKeyDown={touched}
      >
        <div class="sr" aria-live="polite">
          {done ? thanks : `${progress}: ${text(q)}`}
        </div>
        {done ? (
          <h2 tabIndex={-1}>{thanks}</h2>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              next();
            }}
          >
            {title && <p class="progress">{title}</p>}
            <h2 id={headingId}>{text(q)}</h2>
            {input}
            {error && (
              <p class="err" role="alert">
                {t[S.required]}
              </p>
            )}
            {/*
              One row: Back, or on the first question "don't ask again", then progress and Next. Next
              comes first in Tab order (Back is drawn first by CSS order): a Tab and Enter after an
              answer must go on, not opt the visitor out for good.
            */}
            <div class="nav">
              <span class="progress" aria-hidden="true">
                {progress}
              </span>
              <button type="submit" class="go">
                {last ? t[S.submit] : t[S.next]}
              </button>
              <button
                type="button"
                class="back"
                onClick={() => (step ? this.setState({ step: step - 1 }) : onClose(answers, true))}
              >
                {step ? t[S.back] : t[S.dontAsk]}
              </button>
            </div>
          </form>
        )}
        {/* After the question in the DOM (and so in Tab order); placed in the corner by CSS. */}
        <button type="button" class="x" aria-label={t[S.close]} onClick={() => onClose(answers, false)}>
          ×
        </button>
      </div>
    );
  }
}
