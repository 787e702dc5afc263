import type { FollowUp, FollowUpStatus } from '@moments/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, describeError } from '../api.js';
import { Empty, Loaded } from '../components/states.js';
import { fmtAge, fmtDateTime, fmtMoney, humanize } from '../format.js';
import { onLinkClick } from '../router.js';
import { useDashboard, useLoad } from '../state.js';

/** Follow-ups shown at first and added by "Show more" (the API gives 500 at most). */
const PAGE = 100;
const MAX = 500;

type Filter = 'unresolved' | 'open' | 'in_progress' | 'resolved' | 'all';
const STATUS_LABEL: Record<FollowUpStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  resolved: 'Resolved',
};

/** What the customer answered and is worth: the reason to act, and whom to call. */
function FollowUpContext({ f }: { f: FollowUp }) {
  const c = f.context;
  if (!c) return null;
  const scores = Object.entries(c.scores)
    .map(([m, v]) => `${m.toUpperCase()} ${v} of ${m === 'nps' ? 10 : m === 'csat' ? 5 : 7}`)
    .join(' · ');
  return (
    <div class="followup-context small">
      {c.comment && <q class="comment">{c.comment}</q>}
      <div>
        {scores} · {c.surveyName ?? c.surveyId} at {humanize(c.moment)} · answered {fmtDateTime(c.answeredAt)}
      </div>
      {c.customer && (
        <div>
          {c.customer.plan ?? 'no plan'} · {fmtMoney(c.customer.mrr, c.customer.currency)} a month
        </div>
      )}
      {c.cannotContact && <div class="warn-text">{c.cannotContact}</div>}
    </div>
  );
}

/** Who changed what, fetched when the person opens the details. */
function FollowUpTrail({ id }: { id: string }) {
  const load = useLoad(() => api.getFollowUp(id), [id]);
  const history = load.data?.history;
  if (!history) return null;
  return history.length ? (
    <ol class="history small" aria-label="History">
      {history.map((h) => (
        <li key={h.at + h.actor}>
          {fmtDateTime(h.at)} · {h.actor}:{' '}
          {Object.entries(h.change)
            .map(([k, v]) =>
              k === 'status' ? `status → ${STATUS_LABEL[v as FollowUpStatus] ?? v}` : `${k} → ${v ?? 'none'}`,
            )
            .join(', ')}
        </li>
      ))}
    </ol>
  ) : (
    <p class="muted small">No change since it opened.</p>
  );
}

/** One follow-up: its context, resolve in one click, or owner, status and note with the history. */
export function FollowUpItem({
  f,
  onSaved,
  onResolved,
}: {
  f: FollowUp;
  onSaved: () => void;
  /** Told when this follow-up is resolved from its button, before the list reloads. */
  onResolved?: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [assignee, setAssignee] = useState(f.assignee ?? '');
  const [note, setNote] = useState(f.note ?? '');
  const [status, setStatus] = useState<FollowUpStatus>(f.status);
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLElement>(null);
  // Resolved with the keyboard, the Resolve button goes: focus goes on to this item's details
  // (where it stays listed, as on a customer's profile), not to the page's start.
  const resolvedHere = useRef(false);
  useEffect(() => {
    if (f.status !== 'resolved' || !resolvedHere.current) return;
    resolvedHere.current = false;
    if (document.activeElement === document.body) summary.current?.focus();
  }, [f.status]);
  async function save(next: FollowUpStatus) {
    if (busy) return;
    setBusy(true);
    try {
      await api.updateFollowUp(f.id, {
        status: next,
        assignee: assignee.trim() || null,
        note: note.trim() || null,
      });
      setMessage({ ok: true, text: next === 'resolved' ? 'Resolved.' : 'Saved.' });
      if (next === 'resolved') {
        resolvedHere.current = true;
        onResolved?.();
      }
      onSaved();
    } catch (err) {
      setMessage({ ok: false, text: describeError(err) });
    } finally {
      setBusy(false);
    }
  }
  const id = `fu-${f.id}`;
  return (
    <li class="followup" data-followup={f.id}>
      <div class="followup-head">
        <span class={`pill ${f.status}`}>{STATUS_LABEL[f.status]}</span>
        <strong>{f.reason}</strong>
        <span class="muted small">
          {f.customerId ? (
            <a href={`/app/customers/${encodeURIComponent(f.customerId)}`} onClick={onLinkClick}>
              {f.customerEmail ?? f.customerId}
            </a>
          ) : (
            'anonymous visitor'
          )}{' '}
          · opened {fmtAge(f.openedAt)} ({fmtDateTime(f.openedAt)}) ·{' '}
          {f.assignee ? `owner ${f.assignee}` : 'no owner'}
        </span>
        {f.status !== 'resolved' && (
          <button
            type="button"
            class="primary"
            aria-disabled={busy}
            onClick={() => save('resolved')}
            aria-label={`Resolve: ${f.reason}, ${f.customerEmail ?? f.customerId ?? 'anonymous visitor'}`}
          >
            Resolve
          </button>
        )}
      </div>
      {message && (
        <p role="status" class={message.ok ? 'ok small' : 'error-text small'}>
          {message.text}
        </p>
      )}
      <FollowUpContext f={f} />
      <details onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary ref={summary}>Owner, status, note and history</summary>
        {open && <FollowUpTrail id={f.id} />}
        <form
          class="form-row"
          onSubmit={(e) => {
            e.preventDefault();
            void save(status);
          }}
        >
          <label for={`${id}-assignee`}>Owner</label>
          <input
            id={`${id}-assignee`}
            value={assignee}
            maxLength={200}
            onInput={(e) => setAssignee(e.currentTarget.value)}
          />
          <label for={`${id}-status`}>Status</label>
          <select
            id={`${id}-status`}
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value as FollowUpStatus)}
          >
            {Object.entries(STATUS_LABEL).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
          <label for={`${id}-note`}>Note</label>
          <textarea
            id={`${id}-note`}
            value={note}
            maxLength={5000}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
          <div class="actions">
            <button type="submit" aria-disabled={busy}>
              Save
            </button>
          </div>
        </form>
      </details>
    </li>
  );
}

export function FollowUpsView() {
  const { site } = useDashboard();
  const [status, setStatus] = useState<Filter>('unresolved');
  const [limit, setLimit] = useState(PAGE);
  const load = useLoad(() => api.listFollowUps({ site: site.id, status, limit }), [site.id, status, limit]);
  const list = useRef<HTMLUListElement>(null);
  // Where focus goes once the list reloads: the item now at the place of one resolved (it left the
  // list), or the first one "Show more" added; said in words too, since the item's own "Resolved." goes with it.
  const focusAt = useRef<{ index: number; resolved: boolean } | null>(null);
  const [said, setSaid] = useState<string>();
  useEffect(() => {
    const at = focusAt.current;
    if (at == null || load.loading) return;
    focusAt.current = null;
    if (document.activeElement && document.activeElement !== document.body) return;
    const items = list.current?.querySelectorAll<HTMLElement>(':scope > li') ?? [];
    const item = items[Math.min(at.index, items.length - 1)];
    const target =
      (at.resolved && item?.querySelector<HTMLElement>('button.primary')) ||
      item?.querySelector<HTMLElement>('a, button, summary') ||
      document.getElementById('main');
    target?.focus();
  }, [load.loading, load.data]);
  return (
    <section aria-labelledby="h-followups">
      <h1 id="h-followups">Follow-ups</h1>
      <p class="lead">
        Answers that met the follow-up rule (NPS ≤ {site.followUpRule.npsMax}, CSAT ≤{' '}
        {site.followUpRule.csatMax}, CES ≤ {site.followUpRule.cesMax}, where 1 is very difficult). Close the
        loop: take one, call the customer, note what you did, resolve it.
      </p>
      <div class="controls">
        <label>
          Show{' '}
          <select
            value={status}
            onChange={(e) => {
              setStatus(e.currentTarget.value as Filter);
              setLimit(PAGE);
            }}
          >
            <option value="unresolved">open and in progress</option>
            <option value="open">open</option>
            <option value="in_progress">in progress</option>
            <option value="resolved">resolved</option>
            <option value="all">all</option>
          </select>
        </label>
      </div>
      <p role="status" class="ok small said" data-testid="followups-said">
        {said}
      </p>
      <Loaded load={load}>
        {({ followups, total }) =>
          followups.length ? (
            <>
              <ul class="followups" ref={list}>
                {followups.map((f, i) => (
                  // Keyed by id alone: a saved item keeps its open form and its "Saved." as the list reloads.
                  <FollowUpItem
                    key={f.id}
                    f={f}
                    onSaved={load.reload}
                    onResolved={() => {
                      focusAt.current = { index: i, resolved: true };
                      setSaid(
                        `Resolved: ${f.reason}, ${f.customerEmail ?? f.customerId ?? 'anonymous visitor'}.`,
                      );
                    }}
                  />
                ))}
              </ul>
              <p class="muted small" data-testid="followups-count">
                {total > followups.length ? `The newest ${followups.length} of ${total}` : `All ${total}`}
                {followups.length === limit && limit < MAX && (
                  <>
                    {' '}
                    <button
                      type="button"
                      onClick={() => {
                        focusAt.current = { index: followups.length, resolved: false };
                        setLimit(limit + PAGE);
                      }}
                    >
                      Show {PAGE} more
                    </button>
                  </>
                )}
              </p>
            </>
          ) : (
            <Empty>No follow-ups here. Nice.</Empty>
          )
        }
      </Loaded>
    </section>
  );
}
