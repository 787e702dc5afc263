import { api } from '../api.js';
import { ScrollBox } from '../components/scroll-box.js';
import { STACK, StackHead } from '../components/stack-table.js';
import { Stat } from '../components/stat.js';
import { Empty, Loaded } from '../components/states.js';
import { fmt, fmtCi, fmtDate, fmtMoney, fmtPct, humanize } from '../format.js';
import { onLinkClick } from '../router.js';
import { useDashboard, useLoad } from '../state.js';

/** The customers the revenue at risk is made of, biggest first, each opening their profile. */
function AtRiskList() {
  const { site, filter } = useDashboard();
  const load = useLoad(
    () => api.getValueAtRisk(site.id, { ...filter, limit: 25 }),
    [site.id, filter.from, filter.to],
  );
  return (
    <Loaded load={load}>
      {(r) =>
        r.customers.length ? (
          <ScrollBox label="Customers behind revenue at risk">
            <table class="table stack" {...STACK.table} data-testid="at-risk">
              <caption>
                Who the revenue at risk is: the {fmt(r.customers.length)} biggest of {fmt(r.total)} customers
              </caption>
              <StackHead columns={['Customer', 'Plan', 'MRR', 'Latest NPS', 'Why']} />
              <tbody {...STACK.rowgroup}>
                {r.customers.map((c) => (
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
                      {c.reason === 'detractor' ? 'Detractor' : `NPS fell from ${c.previousNps} to ${c.nps}`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
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
                  detail={`${fmt(detractors?.customers)} customers, ${fmtPct(detractors?.share)} of those who answered`}
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
              <p class="muted small">
                Predicted CLV (customer lifetime value) = MRR × margin ({fmtPct(v.settings.margin)}) × r / (1
                + d − r), r the band's monthly retention, d the monthly discount rate from{' '}
                {fmtPct(v.settings.annualDiscountRate)} a year. Change both in Settings.
              </p>
            </>
          );
        }}
      </Loaded>
    </section>
  );
}
