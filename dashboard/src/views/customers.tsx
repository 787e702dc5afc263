import type { CustomerListQuery, ListedCustomer } from '@moments/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api.js';
import { ScrollBox } from '../components/scroll-box.js';
import { STACK, StackHead } from '../components/stack-table.js';
import { Empty, ErrorNote, Loading } from '../components/states.js';
import { answeredAny, fmt, fmtDate, fmtMoney, riskClass, riskDetail, riskLabel } from '../format.js';
import { onLinkClick } from '../router.js';
import { useDashboard } from '../state.js';
import { CustomerImport } from './customer-import.js';

const PAGE = 50;

function Latest({ s, of }: { s: ListedCustomer['latest']['nps']; of: number }) {
  return s ? (
    <span title={`answered ${fmtDate(s.at)}`}>
      {s.value}
      <span class="muted small"> /{of}</span>
    </span>
  ) : (
    <span class="muted">–</span>
  );
}

/**
 * Customers: active ones first, biggest MRR first, then those who churned; search, risk filter,
 * paging; each opens the customer's profile. Risk reads the scores answered in the chosen period,
 * as the Value page does.
 */
export function CustomersView() {
  const { site, period } = useDashboard();
  const [q, setQ] = useState<CustomerListQuery>({});
  const [text, setText] = useState('');
  // `total`: how many the search and risk filter keep in all, as the first page counted them.
  const [list, setList] = useState<{ items: ListedCustomer[]; next: string | null; total: number }>();
  const [error, setError] = useState<unknown>();
  // Only the answer to the latest request is shown (a search typed fast sends several).
  const seq = useRef(0);
  async function load(cursor?: string) {
    const mine = ++seq.current;
    try {
      // Counted on the first page only: the pages after it keep its total.
      const r = await api.listCustomers(site.id, {
        ...q,
        since: period.from,
        cursor,
        limit: PAGE,
        withTotal: !cursor,
      });
      if (mine !== seq.current) return;
      setList((l) => {
        const items = [...(cursor ? (l?.items ?? []) : []), ...r.customers];
        return { items, next: r.nextCursor, total: Math.max(r.total ?? l?.total ?? 0, items.length) };
      });
      setError(undefined);
    } catch (err) {
      if (mine === seq.current) setError(err);
    }
  }
  useEffect(() => {
    setList(undefined);
    void load();
  }, [site.id, q.q, q.risk, period.from]);
  // "Show more" moves focus to the first customer it added: the reader goes on there (and the
  // button is gone after the last page, which would drop focus to the page's start).
  const moreFrom = useRef<number | null>(null);
  useEffect(() => {
    const from = moreFrom.current;
    if (from == null || !list || list.items.length <= from) return;
    moreFrom.current = null;
    document.querySelectorAll<HTMLElement>('[data-testid=customer-list] tbody th a')[from]?.focus();
  }, [list]);
  return (
    <section aria-labelledby="h-customers">
      <h1 id="h-customers">Customers</h1>
      <p class="lead">
        Active customers first, biggest monthly revenue first; then those who churned, marked Churned: their
        revenue is lost, not at risk. Risk reads each one's latest NPS and CSAT answered from{' '}
        <time dateTime={period.from}>{fmtDate(period.from)}</time> to{' '}
        <time dateTime={period.to}>{fmtDate(period.to)}</time>, the period chosen at the top, as on the Value
        page; an older answer is shown and flags nothing.
      </p>
      <form
        class="filters card"
        onSubmit={(e) => {
          e.preventDefault();
          setQ((o) => ({ ...o, q: text.trim() || undefined }));
        }}
      >
        <label>
          Email, name, id or account
          <input type="search" value={text} onInput={(e) => setText(e.currentTarget.value)} />
        </label>
        <label>
          Risk
          <select
            value={q.risk ?? ''}
            onChange={(e) =>
              setQ((o) => ({ ...o, risk: (e.currentTarget.value || undefined) as CustomerListQuery['risk'] }))
            }
          >
            <option value="">Everyone</option>
            <option value="any">At risk or to watch</option>
            <option value="high">At risk</option>
            <option value="watch">To watch</option>
          </select>
        </label>
        <button type="submit">Search</button>
      </form>
      {error ? (
        <ErrorNote error={error} retry={() => load()} />
      ) : !list ? (
        <Loading />
      ) : !list.items.length ? (
        <Empty>
          {q.q || q.risk ? (
            'No customer matches this search.'
          ) : (
            <>
              No customers yet. One is added when your site names them to the widget (
              <code>{"moments('identify', { id, email })"}</code> after the snippet from{' '}
              <a href="/app/settings" onClick={onLinkClick}>
                Settings
              </a>
              ) or by a business-data import below.
            </>
          )}
        </Empty>
      ) : (
        <>
          <ScrollBox label="Customer list">
            <table class="table stack" {...STACK.table} data-testid="customer-list">
              <caption>
                Customers (
                <span data-testid="customers-count">
                  {list.next || list.items.length < list.total
                    ? `${fmt(list.items.length)} of ${fmt(list.total)} shown`
                    : `all ${fmt(list.items.length)}`}
                </span>
                ): active first, then churned
              </caption>
              <StackHead columns={['Customer', 'Plan', 'MRR', 'NPS', 'CSAT', 'CES', 'Risk']} />
              <tbody {...STACK.rowgroup}>
                {list.items.map((c) => (
                  <tr {...STACK.row} key={c.id}>
                    <th scope="row" {...STACK.rowheader}>
                      <a href={`/app/customers/${encodeURIComponent(c.id)}`} onClick={onLinkClick}>
                        {c.email ?? c.id}
                      </a>
                      {c.name && <div class="muted small">{c.name}</div>}
                    </th>
                    <td {...STACK.cell} data-label="Plan">
                      {c.plan ?? '–'}
                    </td>
                    <td {...STACK.cell} data-label="MRR">
                      {fmtMoney(c.mrr, c.currency)}
                    </td>
                    <td {...STACK.cell} data-label="NPS">
                      <Latest s={c.latest.nps} of={10} />
                    </td>
                    <td {...STACK.cell} data-label="CSAT">
                      <Latest s={c.latest.csat} of={5} />
                    </td>
                    <td {...STACK.cell} data-label="CES">
                      <Latest s={c.latest.ces} of={7} />
                    </td>
                    <td {...STACK.cell} data-label="Risk">
                      <span class={`pill ${riskClass(c.risk, answeredAny(c.latest))}`}>
                        {riskLabel(c.risk, answeredAny(c.latest))}
                      </span>
                      {riskDetail(c.risk, c.churnedAt) && (
                        <div class="muted small">{riskDetail(c.risk, c.churnedAt)}</div>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
          {list.next && (
            <p>
              <button
                type="button"
                onClick={() => {
                  moreFrom.current = list.items.length;
                  void load(list.next ?? undefined);
                }}
              >
                Show {PAGE} more
              </button>
            </p>
          )}
        </>
      )}
      <CustomerImport />
    </section>
  );
}
