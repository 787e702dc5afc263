import { answeredAny, type Lookup, riskLabel, SCALE_RANGES } from '@moments/shared';
import { useState } from 'preact/hooks';
import { send } from '../content/messages.js';
import type { LookupResult } from '../protocol.js';
import { day, getSparkline, getTone, money } from './score.js';

const SPARK = { w: 160, h: 32 };

/** The trend of the metric the customer answered most (NPS first on a tie), oldest first. */
function Sparkline({ history }: { history: Lookup['history'] }) {
  const metric = (['nps', 'csat', 'ces'] as const).reduce((best, m) =>
    history.filter((h) => h.metric === m).length > history.filter((h) => h.metric === best).length ? m : best,
  );
  // The history comes oldest first: the line reads left to right.
  const points = history.filter((h) => h.metric === metric).slice(-12);
  const line = getSparkline(
    points.map((h) => h.value),
    SCALE_RANGES[metric][0],
    SCALE_RANGES[metric][1],
    SPARK.w,
    SPARK.h,
  );
  if (!line) return null;
  const name = metric.toUpperCase();
  return (
    <svg
      width={SPARK.w + 8}
      height={SPARK.h + 8}
      viewBox={`-4 -4 ${SPARK.w + 8} ${SPARK.h + 8}`}
      role="img"
      aria-label={`${name} answers over time, oldest first: ${points.map((h) => `${h.value} (${day(h.at)})`).join(', ')}`}
    >
      <polyline class="spark" points={line} />
      {line.split(' ').map((xy, i) => {
        const [x, y] = xy.split(',');
        const h = points[i]!;
        // Each answer is a point with its date: hover (title) or a screen reader (the label above).
        return (
          <circle key={`${h.at}${i}`} class="spark-point" cx={x} cy={y} r="3">
            <title>{`${name} ${h.value} on ${day(h.at)}`}</title>
          </circle>
        );
      })}
    </svg>
  );
}

function Score({ label, value, at, tone }: { label: string; value?: number; at?: string; tone: string }) {
  return (
    <div class={`score ${value === undefined ? '' : tone}`}>
      <span class="muted small">{label}</span>
      <b>{value ?? '–'}</b>
      <span class="muted small">{at ? day(at) : 'no answer'}</span>
    </div>
  );
}

function FollowUp({
  f,
  onChanged,
  onResolved,
}: {
  f: Lookup['followups'][number];
  onChanged: () => void;
  /** Said by the panel: the follow-up, and what it would say itself, leave the list. */
  onResolved: (said: string) => void;
}) {
  const [note, setNote] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  async function update(e: MouseEvent, status: 'resolved' | 'in_progress') {
    // Only the agent's own click: a page script dispatching a click must not act as the agent.
    if (!e.isTrusted || busy) return;
    const text = note.trim();
    if (status === 'in_progress' && !text) return;
    const dialog = (e.currentTarget as HTMLElement).closest<HTMLElement>('[role=dialog]');
    setBusy(true);
    // Emptied while on its way: the same words said twice are still a change the live region reads out.
    setMessage('');
    const r = await send({ type: 'update-followup', id: f.id, status, ...(text ? { note: text } : {}) });
    setBusy(false);
    // Say what changed: a note on an open follow-up also marks it in progress.
    setMessage(
      !r.ok
        ? r.message
        : status === 'resolved'
          ? 'Resolved.'
          : f.status === 'open'
            ? `Note saved: “${text}”. The follow-up is now in progress.`
            : `Note saved: “${text}”.`,
    );
    if (r.ok) {
      setNote('');
      if (status === 'resolved') onResolved(`Resolved: ${f.reason}.`);
      onChanged();
    }
    // A resolved follow-up leaves the list, its button with it: focus stays in the panel.
    if (r.ok && status === 'resolved') dialog?.focus();
  }
  return (
    <li class="fu">
      <strong>{f.reason}</strong>{' '}
      <span class="muted small">
        opened {day(f.openedAt)} · {f.status.replace('_', ' ')}
        {f.assignee ? ` · ${f.assignee}` : ''}
      </span>
      {f.note && <p class="small fu-note">Last note: {f.note}</p>}
      <label class="small muted">
        {f.note ? 'New note' : 'Note'}
        <textarea
          value={note}
          maxLength={5000}
          onInput={(e) => setNote(e.currentTarget.value)}
          // In a panel that scrolls, the form being typed in stays in view, buttons included.
          onFocus={(e) => e.currentTarget.closest('li')?.scrollIntoView({ block: 'nearest' })}
        />
      </label>
      <div class="actions">
        {/* aria-disabled, not disabled: a disabled button drops the keyboard's focus to the page. */}
        <button type="button" class="primary" aria-disabled={busy} onClick={(e) => update(e, 'resolved')}>
          Resolve
        </button>
        <button type="button" aria-disabled={busy || !note.trim()} onClick={(e) => update(e, 'in_progress')}>
          Add note
        </button>
      </div>
      {/* In the page before anything is said: a live region that appears with its words is often not read. */}
      <div role="status" class="small">
        {message && <p>{message}</p>}
      </div>
    </li>
  );
}

/** Everything Moments knows of the customer; every value from the server is rendered as text. */
export function Panel({ result, onChanged }: { result: LookupResult; onChanged: () => void }) {
  // What a follow-up that left the list said, in a live region that stays.
  const [resolved, setResolved] = useState('');
  // A customer Moments does not know yet is news, not an error.
  if (!result.ok && result.reason === 'unknown') return <p class="muted">{result.message}</p>;
  if (!result.ok) {
    return (
      <div class="error-box" role="alert">
        <p>{result.message}</p>
        {(result.reason === 'unauthorized' || result.reason === 'unconfigured') && (
          <button type="button" class="link" onClick={() => send({ type: 'open-options' })}>
            Open Moments options
          </button>
        )}
      </div>
    );
  }
  const l = result.lookup;
  const c = l.customer;
  return (
    <div>
      <h2>{c.name ?? c.email ?? c.id}</h2>
      <div class="muted small">
        {[c.email, c.account, c.owner && `owner ${c.owner}`].filter(Boolean).join(' · ')}
      </div>
      {result.stale && (
        <p class="note" role="status">
          Offline or not yet refreshed: scores as of {new Date(result.fetchedAt).toLocaleString()}.
        </p>
      )}
      <p>
        {/* In the dashboard's words ("At risk", "No answers yet", "Churned"), its reasons after it. */}
        <span class={`risk ${answeredAny(l.latest) ? l.risk.level : ''}`}>
          {riskLabel(l.risk, answeredAny(l.latest))}
        </span>{' '}
        <span class="small">{l.risk.reasons.filter((r) => r !== 'churned').join('; ')}</span>
      </p>
      <div class="scores">
        <Score
          label="NPS"
          value={l.latest.nps?.value}
          at={l.latest.nps?.at}
          tone={l.latest.nps ? getTone('nps', l.latest.nps.value) : ''}
        />
        <Score
          label="CSAT"
          value={l.latest.csat?.value}
          at={l.latest.csat?.at}
          tone={l.latest.csat ? getTone('csat', l.latest.csat.value) : ''}
        />
        <Score
          label="CES"
          value={l.latest.ces?.value}
          at={l.latest.ces?.at}
          tone={l.latest.ces ? getTone('ces', l.latest.ces.value) : ''}
        />
      </div>
      <Sparkline history={l.history} />
      <h3>Value</h3>
      <p class="small">
        Plan <b>{c.plan ?? '–'}</b> · MRR <b>{money(c.mrr, c.currency)}</b> · revenue so far{' '}
        <b>{money(c.lifetimeValue, c.currency)}</b>
        {c.churnedAt ? ` · churned ${day(c.churnedAt)}` : ''}
      </p>
      {l.moments.length > 0 && (
        <>
          <h3>By moment</h3>
          <table>
            <thead>
              <tr>
                <th scope="col">Moment</th>
                <th scope="col">NPS</th>
                <th scope="col">CSAT</th>
                <th scope="col">CES</th>
              </tr>
            </thead>
            <tbody>
              {l.moments.map((m) => (
                <tr key={m.moment}>
                  <th scope="row">{m.moment.replace(/_/g, ' ')}</th>
                  {/* Reached, never answered (`answered` false; a lookup kept from before it was sent has answers). */}
                  {m.answered === false ? (
                    <td colSpan={3} class="muted small">
                      reached, not answered
                    </td>
                  ) : (
                    <>
                      <td>{m.nps ?? '–'}</td>
                      <td>{m.csat ?? '–'}</td>
                      <td>{m.ces ?? '–'}</td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h3>Last comments</h3>
      {l.comments.length ? (
        <ul>
          {l.comments.slice(0, 5).map((cm) => (
            <li class="comment" key={`${cm.at}${cm.text}`}>
              {cm.text} <span class="muted small">({day(cm.at)})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted small">No comments.</p>
      )}
      <h3>Open follow-ups</h3>
      <p role="status" class="small">
        {resolved}
      </p>
      {l.followups.length ? (
        <ul>
          {l.followups.map((f) => (
            <FollowUp key={f.id} f={f} onChanged={onChanged} onResolved={setResolved} />
          ))}
        </ul>
      ) : (
        <p class="muted small">None open.</p>
      )}
    </div>
  );
}
