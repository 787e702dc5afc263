import { useState } from 'preact/hooks';
import type { Draft } from './draft.js';

/** The survey's own words in other languages, per locale; empty fields fall back to the default. */
export function TranslationsEditor({ draft, setDraft }: { draft: Draft; setDraft: (d: Draft) => void }) {
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
