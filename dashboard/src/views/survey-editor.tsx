import {
  type Question,
  type QuestionType,
  type Survey,
  SurveyCreateSchema,
  type SurveyUpdate,
  type Trigger,
} from '@moments/shared';
import { useMemo, useState } from 'preact/hooks';
import { api, describeError } from '../api.js';
import { SurveyPreview } from '../components/survey-preview.js';
import { navigate } from '../router.js';
import { useDashboard } from '../state.js';

type Draft = SurveyUpdate & { id: string };

const NEW_SURVEY: Draft = {
  id: '',
  name: '',
  moment: 'checkout_completed',
  status: 'draft',
  questions: [
    { id: 'nps', type: 'nps', text: 'How likely are you to recommend us to a friend?', required: true },
  ],
  trigger: { type: 'event' },
  delaySeconds: 0,
  targeting: { sampleRate: 1, urls: [], locales: [] },
  frequency: { type: 'until_answered' },
  priority: 0,
  defaultLocale: 'en',
  translations: {},
};

const QUESTION_TEXT: Record<QuestionType, string> = {
  nps: 'How likely are you to recommend us to a friend?',
  csat: 'How satisfied are you?',
  ces: 'How easy was it?',
  rating: 'How do you rate it?',
  choice: 'Which one?',
  text: 'Anything you would like to tell us?',
};

function newQuestion(type: QuestionType, taken: string[]): Question {
  let id: string = type;
  for (let i = 2; taken.includes(id); i++) id = `${type}${i}`;
  const base = { id, text: QUESTION_TEXT[type], required: type !== 'text' };
  if (type === 'rating') return { ...base, type, scale: 5 };
  if (type === 'choice')
    return {
      ...base,
      type,
      multiple: false,
      options: [
        { id: 'a', label: 'Yes' },
        { id: 'b', label: 'No' },
      ],
    };
  if (type === 'text') return { ...base, type, maxLength: 2000 };
  return { ...base, type };
}

function toDraft(s: Survey): Draft {
  const { siteId: _s, createdAt: _c, updatedAt: _u, ...rest } = s;
  return structuredClone(rest);
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'option';

function QuestionEditor({
  q,
  index,
  earlier,
  onChange,
  onMove,
  onRemove,
  count,
}: {
  q: Question;
  index: number;
  earlier: Question[];
  count: number;
  onChange: (q: Question) => void;
  onMove: (delta: number) => void;
  onRemove: () => void;
}) {
  const id = `q${index}`;
  return (
    <fieldset class="question">
      <legend>
        Question {index + 1}: {q.type.toUpperCase()}
      </legend>
      <div class="form-grid">
        <label for={`${id}-text`}>Text</label>
        <input
          id={`${id}-text`}
          value={q.text}
          maxLength={500}
          onInput={(e) => onChange({ ...q, text: e.currentTarget.value })}
        />
        <label for={`${id}-id`}>Id</label>
        <input
          id={`${id}-id`}
          value={q.id}
          maxLength={64}
          onInput={(e) => onChange({ ...q, id: e.currentTarget.value })}
        />
        <label for={`${id}-req`}>Required</label>
        <input
          id={`${id}-req`}
          type="checkbox"
          checked={q.required}
          onChange={(e) => onChange({ ...q, required: e.currentTarget.checked })}
        />
        {q.type === 'rating' && (
          <>
            <label for={`${id}-scale`}>Scale (1 to N)</label>
            <input
              id={`${id}-scale`}
              type="number"
              min={2}
              max={10}
              value={q.scale}
              onInput={(e) => onChange({ ...q, scale: Number(e.currentTarget.value) })}
            />
            <label for={`${id}-driver`}>Driver name</label>
            <input
              id={`${id}-driver`}
              value={q.driver ?? ''}
              placeholder="speed, price, ease…"
              onInput={(e) => onChange({ ...q, driver: e.currentTarget.value || undefined })}
            />
          </>
        )}
        {q.type === 'choice' && (
          <>
            <label for={`${id}-opts`}>Options, one a line</label>
            <textarea
              id={`${id}-opts`}
              value={q.options.map((o) => o.label).join('\n')}
              onInput={(e) =>
                onChange({
                  ...q,
                  options: e.currentTarget.value
                    .split('\n')
                    .map((l) => l.trim())
                    .filter(Boolean)
                    .map((label, i) => ({ id: q.options[i]?.id ?? slug(label), label })),
                })
              }
            />
            <label for={`${id}-multi`}>Several answers</label>
            <input
              id={`${id}-multi`}
              type="checkbox"
              checked={q.multiple}
              onChange={(e) => onChange({ ...q, multiple: e.currentTarget.checked })}
            />
          </>
        )}
        {index > 0 && (
          <>
            <label for={`${id}-if`}>Ask only when</label>
            <span class="inline">
              <select
                id={`${id}-if`}
                value={q.showIf?.questionId ?? ''}
                onChange={(e) => {
                  const qid = e.currentTarget.value;
                  onChange({
                    ...q,
                    showIf: qid
                      ? { questionId: qid, op: q.showIf?.op ?? 'lte', value: q.showIf?.value ?? 6 }
                      : undefined,
                  });
                }}
              >
                <option value="">always</option>
                {earlier.map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.id}
                  </option>
                ))}
              </select>
              {q.showIf && (
                <>
                  <select
                    aria-label="Condition"
                    value={q.showIf.op}
                    onChange={(e) =>
                      onChange({ ...q, showIf: { ...q.showIf!, op: e.currentTarget.value as 'lte' } })
                    }
                  >
                    <option value="lte">is at most</option>
                    <option value="gte">is at least</option>
                    <option value="eq">is</option>
                    <option value="neq">is not</option>
                  </select>
                  <input
                    aria-label="Value"
                    value={String(q.showIf.value)}
                    onInput={(e) => {
                      const v = e.currentTarget.value;
                      onChange({
                        ...q,
                        showIf: { ...q.showIf!, value: v !== '' && !Number.isNaN(Number(v)) ? Number(v) : v },
                      });
                    }}
                  />
                </>
              )}
            </span>
          </>
        )}
      </div>
      <div class="actions">
        <button type="button" disabled={index === 0} onClick={() => onMove(-1)}>
          Move up
        </button>
        <button type="button" disabled={index === count - 1} onClick={() => onMove(1)}>
          Move down
        </button>
        <button type="button" class="danger" disabled={count === 1} onClick={onRemove}>
          Remove
        </button>
      </div>
    </fieldset>
  );
}

function TriggerEditor({ trigger, onChange }: { trigger: Trigger; onChange: (t: Trigger) => void }) {
  const defaults: Record<Trigger['type'], Trigger> = {
    event: { type: 'event' },
    pageview: { type: 'pageview', url: { match: 'contains', value: '/' } },
    click: { type: 'click', selector: 'button' },
    exit_intent: { type: 'exit_intent' },
    scroll: { type: 'scroll', percent: 50 },
    time_on_page: { type: 'time_on_page', seconds: 30 },
  };
  return (
    <>
      <label for="trigger">Show when</label>
      <span class="inline">
        <select
          id="trigger"
          value={trigger.type}
          onChange={(e) => onChange(defaults[e.currentTarget.value as Trigger['type']])}
        >
          <option value="event">the moment is tracked</option>
          <option value="pageview">a page is viewed</option>
          <option value="click">an element is clicked</option>
          <option value="exit_intent">the visitor is about to leave</option>
          <option value="scroll">the page is scrolled</option>
          <option value="time_on_page">time on page passes</option>
        </select>
        {trigger.type === 'pageview' && (
          <>
            <select
              aria-label="URL match"
              value={trigger.url.match}
              onChange={(e) =>
                onChange({ ...trigger, url: { ...trigger.url, match: e.currentTarget.value as 'exact' } })
              }
            >
              <option value="contains">URL contains</option>
              <option value="exact">URL is</option>
              <option value="regex">URL matches regex</option>
            </select>
            <input
              aria-label="URL"
              value={trigger.url.value}
              onInput={(e) => onChange({ ...trigger, url: { ...trigger.url, value: e.currentTarget.value } })}
            />
          </>
        )}
        {trigger.type === 'click' && (
          <input
            aria-label="CSS selector"
            value={trigger.selector}
            onInput={(e) => onChange({ ...trigger, selector: e.currentTarget.value })}
          />
        )}
        {trigger.type === 'scroll' && (
          <input
            aria-label="Percent scrolled"
            type="number"
            min={1}
            max={100}
            value={trigger.percent}
            onInput={(e) => onChange({ ...trigger, percent: Number(e.currentTarget.value) })}
          />
        )}
        {trigger.type === 'time_on_page' && (
          <input
            aria-label="Seconds on page"
            type="number"
            min={1}
            max={3600}
            value={trigger.seconds}
            onInput={(e) => onChange({ ...trigger, seconds: Number(e.currentTarget.value) })}
          />
        )}
      </span>
    </>
  );
}

function TranslationsEditor({ draft, setDraft }: { draft: Draft; setDraft: (d: Draft) => void }) {
  const [adding, setAdding] = useState('');
  const locales = Object.keys(draft.translations);
  const setTr = (loc: string, tr: Draft['translations'][string] | undefined) => {
    const next = { ...draft.translations };
    if (tr) next[loc] = tr;
    else delete next[loc];
    setDraft({ ...draft, translations: next });
  };
  return (
    <fieldset>
      <legend>Translations</legend>
      <p class="muted small">
        Shown by the page's language; anything left empty falls back to the default text.
      </p>
      {locales.map((loc) => {
        const tr = draft.translations[loc]!;
        return (
          <details key={loc} open>
            <summary>{loc}</summary>
            <div class="form-grid">
              <label for={`tr-${loc}-title`}>Title</label>
              <input
                id={`tr-${loc}-title`}
                value={tr.title ?? ''}
                onInput={(e) => setTr(loc, { ...tr, title: e.currentTarget.value || undefined })}
              />
              <label for={`tr-${loc}-thanks`}>Thank-you</label>
              <input
                id={`tr-${loc}-thanks`}
                value={tr.thanks ?? ''}
                onInput={(e) => setTr(loc, { ...tr, thanks: e.currentTarget.value || undefined })}
              />
              {draft.questions.map((q) => (
                <>
                  <label for={`tr-${loc}-${q.id}`}>“{q.text}”</label>
                  <input
                    id={`tr-${loc}-${q.id}`}
                    value={tr.questions[q.id]?.text ?? ''}
                    onInput={(e) =>
                      setTr(loc, {
                        ...tr,
                        questions: {
                          ...tr.questions,
                          [q.id]: { ...tr.questions[q.id], text: e.currentTarget.value || undefined },
                        },
                      })
                    }
                  />
                </>
              ))}
            </div>
            <button type="button" class="danger" onClick={() => setTr(loc, undefined)}>
              Remove {loc}
            </button>
          </details>
        );
      })}
      <div class="inline">
        <label for="tr-add">Add a language</label>
        <input
          id="tr-add"
          placeholder="fr, de, es…"
          value={adding}
          maxLength={12}
          onInput={(e) => setAdding(e.currentTarget.value.trim())}
        />
        <button
          type="button"
          disabled={!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(adding) || locales.includes(adding)}
          onClick={() => {
            setTr(adding, { questions: {} });
            setAdding('');
          }}
        >
          Add
        </button>
      </div>
    </fieldset>
  );
}

/** Create or edit a survey, with the real widget card previewing every change. */
export function SurveyEditor({ survey, onSaved }: { survey?: Survey; onSaved: () => void }) {
  const { site } = useDashboard();
  const [draft, setDraft] = useState<Draft>(() => (survey ? toDraft(survey) : structuredClone(NEW_SURVEY)));
  const [previewLang, setPreviewLang] = useState(draft.defaultLocale);
  const [result, setResult] = useState<{ ok: boolean; text: string; issues?: string[] }>();
  const [busy, setBusy] = useState(false);
  const check = useMemo(() => SurveyCreateSchema.safeParse({ ...draft, id: draft.id || undefined }), [draft]);
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const setQuestion = (i: number, q: Question) =>
    set({ questions: draft.questions.map((x, j) => (j === i ? q : x)) });
  const previewSurvey = useMemo(
    () => (check.success ? { ...check.data, id: check.data.id ?? 'preview' } : null),
    [check],
  );

  async function save(e: Event) {
    e.preventDefault();
    if (!check.success) {
      setResult({
        ok: false,
        text: 'Some fields need fixing.',
        issues: check.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
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
      if (!survey) navigate(`/surveys/${encodeURIComponent(saved.id)}`);
    } catch (err) {
      setResult({ ok: false, text: describeError(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="editor">
      <form class="editor-form" onSubmit={save} aria-label={survey ? `Edit ${survey.name}` : 'New survey'}>
        <fieldset>
          <legend>Survey</legend>
          <div class="form-grid">
            <label for="s-name">Name</label>
            <input
              id="s-name"
              required
              value={draft.name}
              maxLength={200}
              onInput={(e) => set({ name: e.currentTarget.value })}
            />
            {!survey && (
              <>
                <label for="s-id">Id (optional)</label>
                <input
                  id="s-id"
                  value={draft.id}
                  placeholder="made from nothing if empty"
                  maxLength={64}
                  onInput={(e) => set({ id: e.currentTarget.value })}
                />
              </>
            )}
            <label for="s-moment">Moment</label>
            <input
              id="s-moment"
              list="moments"
              value={draft.moment}
              onInput={(e) => set({ moment: e.currentTarget.value })}
            />
            <datalist id="moments">
              {['signup_completed', 'checkout_completed', 'ticket_closed', 'cancel_started'].map((m) => (
                <option key={m} value={m} />
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
              value={draft.title ?? ''}
              maxLength={200}
              onInput={(e) => set({ title: e.currentTarget.value || undefined })}
            />
            <label for="s-thanks">Thank-you (optional)</label>
            <input
              id="s-thanks"
              value={draft.thanks ?? ''}
              maxLength={500}
              onInput={(e) => set({ thanks: e.currentTarget.value || undefined })}
            />
            <TriggerEditor trigger={draft.trigger} onChange={(trigger) => set({ trigger })} />
            <label for="s-delay">Delay (seconds)</label>
            <input
              id="s-delay"
              type="number"
              min={0}
              max={600}
              value={draft.delaySeconds}
              onInput={(e) => set({ delaySeconds: Number(e.currentTarget.value) })}
            />
            <label for="s-sample">Sample (% of visitors)</label>
            <input
              id="s-sample"
              type="number"
              min={0}
              max={100}
              value={Math.round(draft.targeting.sampleRate * 100)}
              onInput={(e) =>
                set({ targeting: { ...draft.targeting, sampleRate: Number(e.currentTarget.value) / 100 } })
              }
            />
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
                  aria-label="Days between asks"
                  type="number"
                  min={1}
                  max={3650}
                  value={draft.frequency.days}
                  onInput={(e) => set({ frequency: { type: 'every', days: Number(e.currentTarget.value) } })}
                />
              )}
            </span>
            <label for="s-priority">Priority (higher wins)</label>
            <input
              id="s-priority"
              type="number"
              min={0}
              max={1000}
              value={draft.priority}
              onInput={(e) => set({ priority: Number(e.currentTarget.value) })}
            />
            <label for="s-locale">Default language</label>
            <input
              id="s-locale"
              value={draft.defaultLocale}
              maxLength={12}
              onInput={(e) => set({ defaultLocale: e.currentTarget.value })}
            />
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
            }}
            onRemove={() => set({ questions: draft.questions.filter((_, j) => j !== i) })}
          />
        ))}
        {draft.questions.length < 10 && (
          <div class="inline">
            <span>Add a question:</span>
            {(['nps', 'csat', 'ces', 'rating', 'choice', 'text'] as const).map((t) => (
              <button
                key={t}
                type="button"
                onClick={() =>
                  set({
                    questions: [
                      ...draft.questions,
                      newQuestion(
                        t,
                        draft.questions.map((q) => q.id),
                      ),
                    ],
                  })
                }
              >
                + {t.toUpperCase()}
              </button>
            ))}
          </div>
        )}
        <TranslationsEditor draft={draft} setDraft={setDraft} />
        <div class="actions sticky">
          <button type="submit" class="primary" disabled={busy}>
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
      <aside class="editor-preview" aria-label="Live preview">
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
            The preview shows once every field is valid: {check.error?.issues[0]?.path.join('.')}:{' '}
            {check.error?.issues[0]?.message}
          </p>
        )}
      </aside>
    </div>
  );
}
