import type { AtRisk } from '@moments/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, describeError, downloadFile } from '../api.js';
import { ScrollBox } from '../components/scroll-box.js';
import { STACK, StackHead } from '../components/stack-table.js';
import { Stat } from '../components/stat.js';
import { Empty, Loaded } from '../components/states.js';
import { fmt, fmtCi, fmtDate, fmtMoney, fmtPct, humanize } from '../format.js';
import { onLinkClick } from '../router.js';
import { useDashboard, useLoad } from '../state.js';

const PAGE = 25;

/**
 * The customers the revenue at risk is made of, biggest first, each opening their profile: a page
 * at a time ("Show 25 more"), or every one of them as a CSV file.
 */
function AtRiskList() {
  const { site, filter } = useDashboard();
  const load = useLoad(
    () => api.getValueAtRisk(site.id, { ...filter, limit: PAGE }),
    [site.id, filter.from, filter.to],
  );
  // The pages after the first, for the first page they follow (a new period starts again).
  const [more, setMore] = useState<{ after: AtRisk; pages: AtRisk[] }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  // "Show more" moves focus to the first customer it added: the reader goes on there (and the
  // button is gone after the last page, which would drop focus to the page's start).
  const moreFrom = useRef<number | null>(null);
  const first = load.data;
  const pages = first ? [first, ...(more?.after === first ? more.pages : [])] : [];
  const seen = new Set<string>();
  const customers = pages.flatMap((p) => p.customers).filter((c) => !seen.has(c.id) && seen.add(c.id));
  const total = pages.at(-1)?.total ?? 0;
  useEffect(() => {
    const from = moreFrom.current;
    if (from == null || customers.length <= from) return;
    moreFrom.current = null;
    document.querySelectorAll<HTMLElement>('[data-testid=at-risk] tbody tr a')[from]?.focus();
  }, [customers.length]);

  async function showMore(after: AtRisk) {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    moreFrom.current = customers.length;
    try {
      const next = await api.getValueAtRisk(site.id, { ...filter, limit: PAGE, offset: customers.length });
      setMore((m) => ({ after, pages: [...(m?.after === after ? m.pages : []), next] }));
    } catch (err) {
      moreFrom.current = null;
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  }
  function download() {
    setError(undefined);
    downloadFile(
      `/v1/sites/${encodeURIComponent(site.id)}/reports/value/at-risk`,
      { ...filter, format: 'csv' },
      `at-risk-${site.id}-${filter.from}-to-${filter.to}.csv`,
    ).catch((err) => setError(describeError(err)));
  }
  return (
    <Loaded load={load}>
      {(r) =>
        customers.length ? (
          <>
            <ScrollBox label="Customers behind revenue at risk">
              <table class="table stack" {...STACK.table} data-testid="at-risk">
                <caption>
                  Who the revenue at risk is: {customers.length < total ? 'the ' : ''}
                  {fmt(customers.length)} biggest of {fmt(total)} customers
                </caption>
                <StackHead columns={['Customer', 'Plan', 'MRR', 'Latest NPS', 'Why']} />
                <tbody {...STACK.rowgroup}>
                  {customers.map((c) => (
                    <tr {...STACK.row} key={c.id}>
                      <th scope="row" {...STACK.rowheader}>
                        <a href={`/app/customers/${encodeURIComponent(c.id)}`} onClick={onLinkClick}>
                          {c.email ?? c.name ?? c.id}
                        </a>
                      </th>
                      <td {...STACK.cell} data-label="Plan">
                        {c.plan ?? '–'}
                      </td>
                      <td {...STACK.cell} data-label="MRR">
                        {fmtMoney(c.mrr, r.currency)}
                      </td>
                      <td {...STACK.cell} data-label="Latest NPS">
                        {c.nps}
                      </td>
                      <td {...STACK.cell} data-label="Why">
                        {c.reason === 'detractor'
                          ? 'Detractor'
                          : `NPS fell from ${c.previousNps} to ${c.nps}`}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollBox>
            <div class="actions" data-testid="at-risk-actions">
              <p class="muted small" role="status">
                {fmt(customers.length)} of {fmt(total)} shown
                {customers.length < total ? ', biggest MRR first' : ': all of them'}.
              </p>
              {customers.length < total && (
                <button type="button" aria-disabled={busy} onClick={() => showMore(r)}>
                  Show {fmt(Math.min(PAGE, total - customers.length))} more
                </button>
              )}
              <button type="button" onClick={download}>
                Download all {fmt(total)} as CSV
              </button>
              {error && <p class="error-text">{error}</p>}
            </div>
          </>
        ) : (
          <Empty>No customer's revenue is at risk in this period.</Empty>
        )
      }
    </Loaded>
  );
}

export function ValueView() {
  const { site, filter, period } = useDashboard();
  const load = useLoad(() => api.getValue(site.id, filter), [site.id, filter.from, filter.to]);
  return (
    <section aria-labelledby="h-value">
      <h1 id="h-value">Value</h1>
      <p class="lead">
        Scores next to money: what each band of customers earns, costs and keeps, by each customer's latest
        NPS from <time dateTime={period.from}>{fmtDate(period.from)}</time> to{' '}
        <time dateTime={period.to}>{fmtDate(period.to)}</time> (both days included).
      </p>
      <Loaded load={load}>
        {(v) => {
          if (!v.customers) return <Empty>No identified customer answered NPS in this period.</Empty>;
          const detractors = v.bands.find((b) => b.band === 'detractor');
          return (
            <>
              {v.mixedCurrencies && (
                <p class="note">
                  Customers carry more than one currency; amounts are added as they are, in {v.currency},
                  without conversion.
                </p>
              )}
              <div class="callout" data-testid="revenue-at-risk">
                <strong>{fmtMoney(v.revenueAtRisk.monthly, v.currency)} a month</strong> (
                {fmtMoney(v.revenueAtRisk.annual, v.currency)} a year) is at risk:{' '}
                {fmtMoney(v.revenueAtRisk.detractors, v.currency)} with detractors and{' '}
                {fmtMoney(v.revenueAtRisk.falling, v.currency)} with customers whose NPS fell by 2 or more.
                Customers who churned by the period's end are not in it: their revenue is lost, counted in the
                churn below.
              </div>
              <div class="stats">
                <Stat
                  label="NPS (latest per customer)"
                  value={fmt(v.nps)}
                  detail={`${fmt(v.customers)} customers`}
                />
                <Stat
                  label="Revenue-weighted NPS"
                  value={fmt(v.revenueWeightedNps)}
                  detail="each customer counts by their monthly revenue"
                />
                <Stat
                  label="Detractors' MRR"
                  value={fmtMoney(detractors?.mrr, v.currency)}
                  detail={`${fmt(detractors?.customers)} customers, ${fmtPct(detractors?.share)} of those who answered; ${fmtMoney(v.revenueAtRisk.detractors, v.currency)} of it with those still customers (at risk), the rest churned`}
                />
              </div>
              <AtRiskList />
              <ScrollBox label="By NPS band">
                <table class="table stack" {...STACK.table}>
                  <caption>By NPS band</caption>
                  <StackHead
                    columns={[
                      'Band',
                      'Customers',
                      'MRR',
                      'Average MRR',
                      'Churn rate (95% CI)',
                      'Predicted CLV',
                      'CAC',
                      'Cost to serve / month',
                    ]}
                  />
                  <tbody {...STACK.rowgroup}>
                    {v.bands.map((b) => (
                      <tr {...STACK.row} key={b.band}>
                        <th scope="row" {...STACK.rowheader}>
                          {humanize(b.band)}s
                        </th>
                        <td {...STACK.cell} data-label="Customers">
                          {fmt(b.customers)} <span class="muted">({fmtPct(b.share)})</span>
                        </td>
                        <td {...STACK.cell} data-label="MRR">
                          {fmtMoney(b.mrr, v.currency)}
                        </td>
                        <td {...STACK.cell} data-label="Average MRR">
                          {fmtMoney(b.averageMrr, v.currency)}
                        </td>
                        <td {...STACK.cell} data-label="Churn rate (95% CI)">
                          {fmtPct(b.churnRate)} <span class="muted">({fmtCi(b.churnCi95, 0, 100, '%')})</span>
                        </td>
                        <td {...STACK.cell} data-label="Predicted CLV">
                          {fmtMoney(b.lifetimeValue, v.currency)}
                        </td>
                        <td {...STACK.cell} data-label="CAC">
                          {fmtMoney(b.acquisitionCost, v.currency)}
                        </td>
                        <td {...STACK.cell} data-label="Cost to serve / month">
                          {fmtMoney(b.costToServe, v.currency)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollBox>
              <p class="muted small" data-testid="value-method">
                Churn rate: the share of the band's customers who have churned, not a monthly rate. Predicted
                CLV (customer lifetime value) = MRR × margin ({fmtPct(v.settings.margin)}) × r / (1 + d − r),
                r the band's monthly retention (its churn spread over the period's months), d the monthly
                discount rate from {fmtPct(v.settings.annualDiscountRate)} a year. Change both in Settings.
              </p>
            </>
          );
        }}
      </Loaded>
    </section>
  );
}
