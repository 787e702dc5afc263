import type { Audience } from '@moments/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api.js';
import { ErrorNote, Loading } from '../components/states.js';
import { fmtDateTime, humanize } from '../format.js';
import { onLinkClick } from '../router.js';
import { useDashboard } from '../state.js';

type Who = { kind: 'customer' | 'anonymousId'; id: string };

function readWho(): Who | undefined {
  const p = new URLSearchParams(location.search);
  const customer = p.get('customer');
  const anonymous = p.get('anonymousId');
  if (customer) return { kind: 'customer', id: customer };
  if (anonymous) return { kind: 'anonymousId', id: anonymous };
  return undefined;
}

function Result({ a }: { a: Audience }) {
  const who = a.subject.customer ?? a.subject.anonymousId;
  return (
    <>
      <div class="card" data-testid="audience-subject">
        <h2>
          {a.subject.customer ? 'Customer' : 'Anonymous visitor'} <code>{who}</code>
        </h2>
        <p>
          {a.subject.known ? (
            <>
              Last contacted {a.contacts.lastContactAt ? fmtDateTime(a.contacts.lastContactAt) : 'never'} ·{' '}
              {a.contacts.shownLast30Days} surveys shown in the last 30 days
              {a.contacts.optedOut ? ' · asked not to be surveyed again' : ''}
              {a.subject.customer && (
                <>
                  {' · '}
                  <a href={`/app/customers/${encodeURIComponent(a.subject.customer)}`} onClick={onLinkClick}>
                    their profile
                  </a>
                </>
              )}
            </>
          ) : (
            'The server has never seen this id: to it, they are new.'
          )}
        </p>
        <p class="muted small">
          Contact policy: no survey within {a.policy.recontactDays} days of the last one
          {a.policy.maxPerMonth ? `, at most ${a.policy.maxPerMonth} a month` : ''}.
          {a.subject.anonymousId &&
            ' For anonymous visitors the widget also reads what their own browser remembers, which the server cannot see.'}
        </p>
      </div>
      {a.moments.map((m) => (
        <section key={m.moment} class="card" aria-label={`At ${humanize(m.moment)}`}>
          <h2>At {humanize(m.moment)}</h2>
          <ul class="plain verdicts">
            {m.surveys.map((s) => (
              <li key={s.surveyId} data-survey={s.surveyId}>
                <span class={`pill ${s.shows ? 'positive' : 'negative'}`}>
                  {s.shows ? 'Would show now' : 'Not now'}
                </span>{' '}
                <strong>{s.name}</strong> <span class="muted small">priority {s.priority}</span>
                {s.reasons.length > 0 && (
                  <ul class="reasons small">
                    {s.reasons.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

/** Who would see what: type a customer id or a visitor id, see each moment's surveys and why. */
export function AudienceView() {
  const { site } = useDashboard();
  const [who, setWho] = useState(readWho);
  const [kind, setKind] = useState<Who['kind']>(who?.kind ?? 'customer');
  const [id, setId] = useState(who?.id ?? '');
  const [state, setState] = useState<{ data?: Audience; error?: unknown; loading?: boolean }>({});
  const seq = useRef(0);
  useEffect(() => {
    if (!who) return;
    history.replaceState(null, '', `${location.pathname}?${new URLSearchParams({ [who.kind]: who.id })}`);
    const mine = ++seq.current;
    setState({ loading: true });
    api.explainAudience(site.id, { [who.kind]: who.id }).then(
      (data) => mine === seq.current && setState({ data }),
      (error) => mine === seq.current && setState({ error }),
    );
  }, [site.id, who?.kind, who?.id]);
  return (
    <section aria-labelledby="h-audience">
      <h1 id="h-audience">Who sees what</h1>
      <p class="lead">
        For one customer or visitor: which survey would show now at each moment, and for each that would not,
        why.
      </p>
      <form
        class="filters card"
        onSubmit={(e) => {
          e.preventDefault();
          if (id.trim()) setWho({ kind, id: id.trim() });
        }}
      >
        <label>
          Who
          <select value={kind} onChange={(e) => setKind(e.currentTarget.value as Who['kind'])}>
            <option value="customer">Customer id or email</option>
            <option value="anonymousId">Anonymous visitor id</option>
          </select>
        </label>
        <label>
          Id
          <input value={id} required onInput={(e) => setId(e.currentTarget.value)} />
        </label>
        <button type="submit" class="primary">
          Check
        </button>
      </form>
      {state.loading && <Loading />}
      {state.error !== undefined && <ErrorNote error={state.error} />}
      {state.data && <Result a={state.data} />}
    </section>
  );
}
