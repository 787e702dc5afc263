import type { ListedResponse, Lookup } from '@moments/shared';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../api.js';
import { choiceLabels, ResponseCard, ratingScales } from '../components/response-card.js';
import { Sparkline } from '../components/sparkline.js';
import { Empty, ErrorNote, Loaded, Loading } from '../components/states.js';
import {
  answeredAny,
  fmt,
  fmtDate,
  fmtMoney,
  humanize,
  riskClass,
  riskDetail,
  riskLabel,
} from '../format.js';
import { onLinkClick } from '../router.js';
import { useDashboard, useLoad } from '../state.js';
import { FollowUpItem } from './followups.js';

const SCALES = { nps: [0, 10, 'NPS (0–10)'], csat: [1, 5, 'CSAT (1–5)'], ces: [1, 7, 'CES (1–7)'] } as const;

function Facts({ l }: { l: Lookup }) {
  const c = l.customer;
  const rows: [string, string][] = [
    ['Email', c.email ?? '–'],
    ['Account', c.account ?? '–'],
    ['Plan', c.plan ?? '–'],
    ['MRR', fmtMoney(c.mrr, c.currency)],
    ['Revenue so far', fmtMoney(c.lifetimeValue, c.currency)],
    ['Owner', c.owner ?? '–'],
    ['Churned', c.churnedAt ? fmtDate(c.churnedAt) : 'no'],
  ];
  return (
    <dl class="facts">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * One moment the customer reached: its scores there where they answered, else that they reached it
 * and did not answer (a survey not shown, dismissed, or none asked there).
 */
function MomentReached({ m }: { m: Lookup['moments'][number] }) {
  const scores = (['nps', 'csat', 'ces'] as const).flatMap((k) =>
    m[k] == null ? [] : [`${k.toUpperCase()} ${m[k]}`],
  );
  // A lookup without `answered` (an older server) lists answered moments only.
  if (m.answered === false)
    return (
      <>
        {humanize(m.moment)} <span class="pill">no answer</span>{' '}
        <span class="muted small">reached {fmtDate(m.reachedAt ?? m.at)}</span>
      </>
    );
  return (
    <>
      {humanize(m.moment)}
      {scores.length ? <strong> {scores.join(' · ')}</strong> : null}{' '}
      <span class="muted small">
        {scores.length ? 'answered' : 'answered, no score'} {fmtDate(m.at)}
      </span>
    </>
  );
}

/** Everything known of one customer: business data, scores over time, every response, follow-ups. */
export function CustomerProfileView({ customerId }: { customerId: string }) {
  const { site } = useDashboard();
  const lookup = useLoad(() => api.lookupCustomer({ id: customerId, site: site.id }), [site.id, customerId]);
  const followups = useLoad(
    async () => (await api.listFollowUps({ site: site.id, customer: customerId, status: 'all' })).followups,
    [site.id, customerId],
  );
  const surveys = useLoad(() => api.listSurveys(site.id), [site.id]);
  const scales = useMemo(() => ratingScales(surveys.data?.surveys), [surveys.data]);
  const labels = useMemo(() => choiceLabels(surveys.data?.surveys), [surveys.data]);
  const [responses, setResponses] = useState<{
    items: ListedResponse[];
    next: string | null;
    total: number;
  }>();
  const [responsesError, setResponsesError] = useState<unknown>();
  async function more(cursor?: string) {
    try {
      const r = await api.listResponses(site.id, {
        customer: customerId,
        cursor,
        limit: 20,
        withTotal: !cursor,
      });
      setResponses((p) => {
        const items = [...(cursor ? (p?.items ?? []) : []), ...r.responses];
        return { items, next: r.nextCursor, total: Math.max(r.total ?? p?.total ?? 0, items.length) };
      });
    } catch (err) {
      setResponsesError(err);
    }
  }
  useEffect(() => {
    void more();
  }, [site.id, customerId]);
  return (
    <section aria-labelledby="h-profile">
      <p class="small">
        <a class="back" href="/app/customers" onClick={onLinkClick}>
          ← All customers
        </a>
      </p>
      <Loaded load={lookup}>
        {(l) => (
          <>
            <h1 id="h-profile">{l.customer.name ?? l.customer.email ?? l.customer.id}</h1>
            <p class="lead">
              Customer <code>{l.customer.id}</code>{' '}
              <span class={`pill ${riskClass(l.risk, answeredAny(l.latest))}`}>
                {riskLabel(l.risk, answeredAny(l.latest))}
              </span>{' '}
              <span data-testid="risk-detail">{riskDetail(l.risk, l.customer.churnedAt)}</span>
            </p>
            {l.latest.nps && (
              <p class="muted small" data-testid="risk-basis">
                Risk here reads their latest answers whenever given (NPS on {fmtDate(l.latest.nps.at)}); the
                Customers list reads only the chosen period's.
              </p>
            )}
            <p class="small profile-links">
              <a href={`/app/audience?customer=${encodeURIComponent(l.customer.id)}`} onClick={onLinkClick}>
                Which surveys would they see now, and why not?
              </a>{' '}
              ·{' '}
              <a href={`/app/responses?customer=${encodeURIComponent(l.customer.id)}`} onClick={onLinkClick}>
                Their responses in the Responses view
              </a>
            </p>
            <div class="grid2">
              <div class="card">
                <h2>Business data</h2>
                <Facts l={l} />
              </div>
              <div class="card">
                <h2>Scores over time</h2>
                {(['nps', 'csat', 'ces'] as const).map((m) => {
                  const points = l.history.filter((h) => h.metric === m);
                  const [min, max, label] = SCALES[m];
                  return (
                    <div key={m} class="spark-row">
                      <span>
                        {label}: <strong>{l.latest[m]?.value ?? '–'}</strong>
                        {l.latest[m] && <span class="muted small"> on {fmtDate(l.latest[m]!.at)}</span>}
                      </span>
                      <Sparkline points={points} min={min} max={max} label={label} />
                    </div>
                  );
                })}
                <h3>Moments reached</h3>
                {l.moments.length ? (
                  <ul class="plain moments-reached" data-testid="moments-reached">
                    {l.moments.map((m) => (
                      <li key={m.moment} data-moment={m.moment}>
                        <MomentReached m={m} />
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p class="muted">No moment reached or answered yet.</p>
                )}
              </div>
            </div>
          </>
        )}
      </Loaded>
      {lookup.error ? null : (
        <>
          <h2>Follow-ups</h2>
          <Loaded load={followups}>
            {(list) =>
              list.length ? (
                <ul class="followups">
                  {list.map((f) => (
                    <FollowUpItem key={f.id} f={f} onSaved={followups.reload} />
                  ))}
                </ul>
              ) : (
                <Empty>No follow-up for this customer.</Empty>
              )
            }
          </Loaded>
          <h2>
            Every response
            {responses?.items.length ? (
              <span class="muted small" data-testid="profile-responses-count">
                {' '}
                (
                {responses.next
                  ? `${fmt(responses.items.length)} of ${fmt(responses.total)} shown`
                  : `all ${fmt(responses.total)}`}
                )
              </span>
            ) : null}
          </h2>
          {responsesError ? (
            <ErrorNote error={responsesError} retry={() => more()} />
          ) : !responses ? (
            <Loading />
          ) : !responses.items.length ? (
            <Empty>No response from this customer.</Empty>
          ) : (
            <div class="responses">
              {responses.items.map((r) => (
                <ResponseCard key={r.id} r={r} showCustomer={false} scales={scales} labels={labels} />
              ))}
              {responses.next && (
                <button type="button" onClick={() => more(responses.next ?? undefined)}>
                  Show older responses
                </button>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}
