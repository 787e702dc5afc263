import type { Question } from '@moments/shared';
import { questionTypeLabel } from '../../format.js';
import { slug } from './draft.js';

/** One question: text, id, required, its type's settings, and the condition it is asked on. */
export function QuestionEditor({
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
        Question {index + 1}: {questionTypeLabel(q.type)}
      </legend>
      <div class="form-grid">
        <label for={`${id}-text`}>Text</label>
        {/* A textarea: a long question wraps where a person can read all of it. */}
        <textarea
          id={`${id}-text`}
          class="question-text"
          rows={2}
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
        <div class="check-field">
          <label for={`${id}-req`}>Required</label>
          <input
            id={`${id}-req`}
            type="checkbox"
            checked={q.required}
            onChange={(e) => onChange({ ...q, required: e.currentTarget.checked })}
          />
        </div>
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
            <div class="check-field">
              <label for={`${id}-multi`}>Several answers</label>
              <input
                id={`${id}-multi`}
                type="checkbox"
                checked={q.multiple}
                onChange={(e) => onChange({ ...q, multiple: e.currentTarget.checked })}
              />
            </div>
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
        <button type="button" id={`${id}-up`} disabled={index === 0} onClick={() => onMove(-1)}>
          Move up
        </button>
        <button type="button" id={`${id}-down`} disabled={index === count - 1} onClick={() => onMove(1)}>
          Move down
        </button>
        <button type="button" id={`${id}-remove`} class="danger" disabled={count === 1} onClick={onRemove}>
          Remove
        </button>
      </div>
    </fieldset>
  );
}
