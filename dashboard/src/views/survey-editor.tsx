import { type Question, type Survey, SurveyCreateSchema, toPlainIssue } from '@moments/shared';
import { useMemo, useState } from 'preact/hooks';
import { api, describeError } from '../api.js';
import { SurveyPreview } from '../components/survey-preview.js';
import { questionTypeLabel } from '../format.js';
import { navigate } from '../router.js';
import { useDashboard } from '../state.js';
import {
  chooseNewMoment,
  type Draft,
  listMoments,
  NEW_SURVEY,
  newQuestion,
  toDraft,
} from './survey/draft.js';
import { QuestionEditor } from './survey/question-editor.js';
import { TranslationsEditor } from './survey/translations-editor.js';
import { TriggerEditor } from './survey/trigger-editor.js';

/** Where each survey setting's field is, by its path in the survey's schema. */
const FIELD_IDS: Record<string, string> = {
  name: 's-name',
  id: 's-id',
  moment: 's-moment',
  title: 's-title',
  thanks: 's-thanks',
  delaySeconds: 's-delay',
  'targeting.sampleRate': 's-sample',
  'frequency.days': 's-freq-days',
  priority: 's-priority',
  defaultLocale: 's-locale',
};

/** An issue in plain words; an empty moment says what a moment is rather than its allowed characters. */
function plainIssue(path: string, message: string, draft: Draft): string {
  return path === 'moment' && !draft.moment.trim()
    ? 'Moment is required: the event that shows this survey, such as checkout_completed'
    : toPlainIssue(path, message);
}

/** A field's reason for refusal, in plain words, under it (as the settings show theirs). */
function FieldError({ id, errors }: { id: string; errors: Record<string, string> }) {
  return errors[id] ? (
    <p class="field-error" id={`${id}-error`}>
      {errors[id]}
    </p>
  ) : null;
}

/** Once the change is drawn, focus the first of these elements that can take it. */
function focusSoon(ids: string[]) {
  setTimeout(() => {
    for (const id of ids) {
      const el = document.getElementById(id) as HTMLButtonElement | null;
      if (el && !el.disabled) return el.focus();
    }
  });
}

/**
 * Create or edit a survey, with the real widget card previewing every change. `surveys` are the
 * site's: a new survey starts on a moment none of them is shown at, and the moment field says which
 * surveys a moment already has.
 */
export function SurveyEditor({
  survey,
  surveys = [],
  onSaved,
}: {
  survey?: Survey;
  surveys?: Survey[];
  onSaved: () => void;
}) {
  const { site } = useDashboard();
  const others = useMemo(() => surveys.filter((s) => s.id !== survey?.id), [surveys, survey?.id]);
  const moments = useMemo(() => listMoments(others), [others]);
  const [draft, setDraft] = useState<Draft>(() =>
    survey ? toDraft(survey) : { ...structuredClone(NEW_SURVEY), moment: chooseNewMoment(others) },
  );
  const [previewLang, setPreviewLang] = useState(draft.defaultLocale);
  // A survey just created opens on its own page: the confirmation comes along in the address.
  const [result, setResult] = useState<{ ok: boolean; text: string; issues?: string[] } | undefined>(() =>
    survey && new URLSearchParams(location.search).get('created') === '1'
      ? { ok: true, text: `Created “${survey.name}” (${survey.status}).` }
      : undefined,
  );
  const [busy, setBusy] = useState(false);
  const check = useMemo(() => SurveyCreateSchema.safeParse({ ...draft, id: draft.id || undefined }), [draft]);
  // The fields a person has changed: each shows its problem as it is typed; the rest once saving is tried.
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [tried, setTried] = useState(false);
  const errors = useMemo(() => {
    const all: Record<string, string> = {};
    for (const issue of check.success ? [] : check.error.issues) {
      const path = issue.path.join('.');
      const id = FIELD_IDS[path];
      if (!id || all[id]) continue;
      all[id] = plainIssue(path, issue.message, draft);
    }
    return Object.fromEntries(Object.entries(all).filter(([id]) => tried || touched.has(id)));
  }, [check, touched, tried, draft]);
  /** A field's invalid state and its reason (and its hint, when it has one), for screen readers too. */
  const described = (id: string, hint?: string) => ({
    'aria-invalid': !!errors[id],
    'aria-describedby': [errors[id] ? `${id}-error` : '', hint ?? ''].filter(Boolean).join(' ') || undefined,
    onBlur: () => !touched.has(id) && setTouched(new Set(touched).add(id)),
  });
  // What the moment field says under it: the surveys already shown at the moment typed, or, for a
  // new survey on no moment, that each suggested one has its survey.
  const taken = moments.find((m) => m.moment === draft.moment.trim())?.surveys ?? [];
  const momentHint = taken.length
    ? `${draft.moment.trim()} already has ${taken.length === 1 ? 'a survey' : `${taken.length} surveys`}: ${taken
        .map((s) => `${s.name} (${s.status})`)
        .join(', ')}. Where two are due, the one with the higher priority shows.`
    : !survey && !draft.moment.trim()
      ? moments.every((m) => m.surveys.length)
        ? 'Each suggested moment has a survey already: type the event that shows this one, as your site tracks it (such as plan_upgraded), or pick one to add a second survey there.'
        : 'Type the event that shows this survey, as your site tracks it (such as plan_upgraded), or pick a suggested one.'
      : undefined;
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const setQuestion = (i: number, q: Question) =>
    set({ questions: draft.questions.map((x, j) => (j === i ? q : x)) });
  const previewSurvey = useMemo(
    () => (check.success ? { ...check.data, id: check.data.id ?? 'preview' } : null),
    [check],
  );

  async function save(e: Event) {
    e.preventDefault();
    if (busy) return;
    setTried(true);
    if (!check.success) {
      setResult({
        ok: false,
        text: 'Some fields need fixing.',
        issues: check.error.issues.map((i) => plainIssue(i.path.join('.'), i.message, draft)),
      });
      return;
    }
    setBusy(true);
    try {
      const { id, ...body } = check.data;
      const saved = survey
        ? await api.replaceSurvey(survey.id, body)
        : await api.createSurvey(site.id, { ...body, ...(id ? { id } : {}) });
      setResult({ ok: true, text: `Saved “${saved.name}” (${saved.status}).` });
      onSaved();
      if (!survey) navigate(`/surveys/${encodeURIComponent(saved.id)}?created=1`);
    } catch (err) {
      setResult({ ok: false, text: describeError(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="editor">
      <a class="preview-jump" href="#survey-live-preview">
        See the live preview
      </a>
      <form class="editor-form" onSubmit={save} aria-label={survey ? `Edit ${survey.name}` : 'New survey'}>
        <fieldset>
          <legend>Survey</legend>
          <div class="form-grid">
            <label for="s-name">Name</label>
            <input
              id="s-name"
              {...described('s-name')}
              required
              value={draft.name}
              maxLength={200}
              onInput={(e) => set({ name: e.currentTarget.value })}
            />
            <FieldError id="s-name" errors={errors} />
            {!survey && (
              <>
                <label for="s-id">Id (optional)</label>
                <input
                  id="s-id"
                  {...described('s-id')}
                  value={draft.id}
                  placeholder="a new one (srv_…) if empty"
                  maxLength={64}
                  onInput={(e) => set({ id: e.currentTarget.value })}
                />
                <FieldError id="s-id" errors={errors} />
              </>
            )}
            <label for="s-moment">Moment</label>
            <input
              id="s-moment"
              {...described('s-moment', momentHint ? 's-moment-hint' : undefined)}
              list="moments"
              value={draft.moment}
              placeholder="an event your site tracks"
              onInput={(e) => set({ moment: e.currentTarget.value })}
            />
            <FieldError id="s-moment" errors={errors} />
            {momentHint && (
              <p class="field-hint" id="s-moment-hint">
                {momentHint}
              </p>
            )}
            <datalist id="moments">
              {moments.map((m) => (
                <option
                  key={m.moment}
                  value={m.moment}
                  label={
                    m.surveys.length
                      ? `has a survey: ${m.surveys.map((s) => s.name).join(', ')}`
                      : 'no survey yet'
                  }
                />
              ))}
            </datalist>
            <label for="s-status">Status</label>
            <select
              id="s-status"
              value={draft.status}
              onChange={(e) => set({ status: e.currentTarget.value as Draft['status'] })}
            >
              <option value="active">active: shown on the site</option>
              <option value="paused">paused</option>
              <option value="draft">draft</option>
            </select>
            <label for="s-title">Title (optional)</label>
            <input
              id="s-title"
              {...described('s-title')}
              value={draft.title ?? ''}
              maxLength={200}
              onInput={(e) => set({ title: e.currentTarget.value || undefined })}
            />
            <FieldError id="s-title" errors={errors} />
            <label for="s-thanks">Thank-you (optional)</label>
            <input
              id="s-thanks"
              {...described('s-thanks')}
              value={draft.thanks ?? ''}
              maxLength={500}
              onInput={(e) => set({ thanks: e.currentTarget.value || undefined })}
            />
            <FieldError id="s-thanks" errors={errors} />
            <TriggerEditor trigger={draft.trigger} onChange={(trigger) => set({ trigger })} />
            <label for="s-delay">Delay (seconds)</label>
            <input
              id="s-delay"
              {...described('s-delay')}
              type="number"
              min={0}
              max={600}
              value={draft.delaySeconds}
              onInput={(e) => set({ delaySeconds: Number(e.currentTarget.value) })}
            />
            <FieldError id="s-delay" errors={errors} />
            <label for="s-sample">Sample (% of visitors)</label>
            <input
              id="s-sample"
              {...described('s-sample')}
              type="number"
              min={0}
              max={100}
              value={Math.round(draft.targeting.sampleRate * 100)}
              onInput={(e) =>
                set({ targeting: { ...draft.targeting, sampleRate: Number(e.currentTarget.value) / 100 } })
              }
            />
            <FieldError id="s-sample" errors={errors} />
            <label for="s-freq">Ask a customer</label>
            <span class="inline">
              <select
                id="s-freq"
                value={draft.frequency.type}
                onChange={(e) => {
                  const type = e.currentTarget.value as Draft['frequency']['type'];
                  set({ frequency: type === 'every' ? { type, days: 90 } : { type } });
                }}
              >
                <option value="until_answered">until they answer</option>
                <option value="once">once</option>
                <option value="every">again every…</option>
              </select>
              {draft.frequency.type === 'every' && (
                <input
                  id="s-freq-days"
                  {...described('s-freq-days')}
                  aria-label="Days between asks"
                  type="number"
                  min={1}
                  max={3650}
                  value={draft.frequency.days}
                  onInput={(e) => set({ frequency: { type: 'every', days: Number(e.currentTarget.value) } })}
                />
              )}
            </span>
            <FieldError id="s-freq-days" errors={errors} />
            <label for="s-priority">Priority (higher wins)</label>
            <input
              id="s-priority"
              {...described('s-priority')}
              type="number"
              min={0}
              max={1000}
              value={draft.priority}
              onInput={(e) => set({ priority: Number(e.currentTarget.value) })}
            />
            <FieldError id="s-priority" errors={errors} />
            <label for="s-locale">Default language</label>
            <input
              id="s-locale"
              {...described('s-locale')}
              value={draft.defaultLocale}
              maxLength={12}
              onInput={(e) => set({ defaultLocale: e.currentTarget.value })}
            />
            <FieldError id="s-locale" errors={errors} />
          </div>
        </fieldset>
        {draft.questions.map((q, i) => (
          <QuestionEditor
            key={i}
            q={q}
            index={i}
            count={draft.questions.length}
            earlier={draft.questions.slice(0, i)}
            onChange={(nq) => setQuestion(i, nq)}
            onMove={(d) => {
              const qs = [...draft.questions];
              [qs[i], qs[i + d]] = [qs[i + d]!, qs[i]!];
              set({ questions: qs });
              // Focus goes with the question: its same button, or the other one once at an end.
              const at = `q${i + d}`;
              focusSoon(d < 0 ? [`${at}-up`, `${at}-down`] : [`${at}-down`, `${at}-up`]);
            }}
            onRemove={() => {
              set({ questions: draft.questions.filter((_, j) => j !== i) });
              // Not lost with the removed question: on to the one now in its place (or the one before).
              focusSoon([`q${Math.min(i, draft.questions.length - 2)}-text`]);
            }}
          />
        ))}
        {draft.questions.length < 10 && (
          <div class="inline add-question">
            <span>Add a question:</span>
            {(['nps', 'csat', 'ces', 'rating', 'choice', 'text'] as const).map((t) => (
              <button
                key={t}
                type="button"
                onClick={() => {
                  set({
                    questions: [
                      ...draft.questions,
                      newQuestion(
                        t,
                        draft.questions.map((q) => q.id),
                      ),
                    ],
                  });
                  // On to the new question's text: the button row moved down past the screen's end.
                  focusSoon([`q${draft.questions.length}-text`]);
                }}
              >
                + {questionTypeLabel(t)}
              </button>
            ))}
          </div>
        )}
        <TranslationsEditor draft={draft} setDraft={setDraft} />
        <div class="actions sticky">
          {/* aria-disabled, not disabled: a disabled button drops the keyboard's focus to the page's start. */}
          <button type="submit" class="primary" aria-disabled={busy}>
            {survey ? 'Save changes' : 'Create survey'}
          </button>
          {result && (
            <div role="status" class={result.ok ? 'ok' : 'error-text'}>
              {result.text}
              {result.issues && (
                <ul>
                  {result.issues.map((i) => (
                    <li key={i}>{i}</li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </div>
      </form>
      <aside class="editor-preview" id="survey-live-preview" aria-label="Live preview">
        <h2>Live preview</h2>
        <label>
          Language{' '}
          <select value={previewLang} onChange={(e) => setPreviewLang(e.currentTarget.value)}>
            {[draft.defaultLocale, ...Object.keys(draft.translations)].map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </label>
        {previewSurvey ? (
          <SurveyPreview survey={previewSurvey} theme={site.theme} lang={previewLang} />
        ) : (
          <p class="muted">
            The preview shows once every field is valid:{' '}
            {check.error?.issues[0] &&
              plainIssue(check.error.issues[0].path.join('.'), check.error.issues[0].message, draft)}
          </p>
        )}
      </aside>
    </div>
  );
}
