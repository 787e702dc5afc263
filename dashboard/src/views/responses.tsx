import type { Band, ListedResponse, ResponseListQuery } from '@moments/shared';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, describeError, downloadExport } from '../api.js';
import { choiceLabels, ResponseCard, ratingScales } from '../components/response-card.js';
import { Empty, ErrorNote, Loading } from '../components/states.js';
import { fmt, fmtDate, humanize } from '../format.js';
import { useDashboard, useLoad } from '../state.js';

const PAGE = 50;
const BANDS: [string, string][] = [
  ['', 'Any score'],
  ['detractor', 'NPS detractors (0–6)'],
  ['passive', 'NPS passives (7–8)'],
  ['promoter', 'NPS promoters (9–10)'],
  ['unsatisfied', 'CSAT unsatisfied (1–2)'],
  ['satisfied', 'CSAT satisfied (4–5)'],
  ['hard', 'CES hard (1–3)'],
  ['easy', 'CES easy (5–7)'],
];

type Filters = {
  surveyId: string;
  moment: string;
  band: string;
  hasComment: boolean;
  complete: string;
  q: string;
  customer: string;
};

/** The filters live in the address, so a view of "detractors at checkout" can be linked and shared. */
function readFilters(): Filters {
  const p = new URLSearchParams(location.search);
  return {
    surveyId: p.get('surveyId') ?? '',
    moment: p.get('moment') ?? '',
    band: p.get('band') ?? '',
    hasComment: p.get('hasComment') === 'true',
    complete: p.get('complete') ?? '',
    q: p.get('q') ?? '',
    customer: p.get('customer') ?? '',
  };
}

function writeFilters(f: Filters) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) p.set(k, String(v));
  const search = p.toString();
  history.replaceState(null, '', `${location.pathname}${search ? `?${search}` : ''}`);
}

export function ResponsesView() {
  const { site, filter, period } = useDashboard();
  const [f, setF] = useState(readFilters);
  const [text, setText] = useState(f.q);
  // `total`: how many the filters keep in all, as the first page counted them.
  const [pages, setPages] = useState<{ items: ListedResponse[]; next: string | null; total: number }>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [exportError, setExportError] = useState<string>();
  const surveys = useLoad(() => api.listSurveys(site.id), [site.id]);
  const scales = useMemo(() => ratingScales(surveys.data?.surveys), [surveys.data]);
  const labels = useMemo(() => choiceLabels(surveys.data?.surveys), [surveys.data]);

  const query: ResponseListQuery = {
    from: filter.from,
    to: filter.to,
    surveyId: f.surveyId || undefined,
    moment: f.moment || undefined,
    band: (f.band || undefined) as Band | undefined,
    hasComment: f.hasComment || undefined,
    complete: f.complete ? f.complete === 'true' : undefined,
    q: f.q || undefined,
    customer: f.customer || undefined,
  };
  // Filters change faster than pages arrive: only the answer to the latest request is shown.
  const seq = useRef(0);
  async function load(cursor?: string) {
    const mine = ++seq.current;
    setBusy(true);
    try {
      // Counted on the first page only: the pages after it keep its total.
      const r = await api.listResponses(site.id, { ...query, cursor, limit: PAGE, withTotal: !cursor });
      if (mine !== seq.current) return;
      setPages((p) => {
        const items = [...(cursor ? (p?.items ?? []) : []), ...r.responses];
        return { items, next: r.nextCursor, total: Math.max(r.total ?? p?.total ?? 0, items.length) };
      });
      setError(undefined);
    } catch (err) {
      if (mine === seq.current) setError(err);
    } finally {
      if (mine === seq.current) setBusy(false);
    }
  }
  useEffect(() => {
    writeFilters(f);
    setPages(undefined);
    void load();
  }, [
    site.id,
    filter.from,
    filter.to,
    f.surveyId,
    f.moment,
    f.band,
    f.hasComment,
    f.complete,
    f.q,
    f.customer,
  ]);

  // "Show more" moves focus to the first response it added: the reader goes on there (and the
  // button is gone after the last page, which would drop focus to the page's start).
  const moreFrom = useRef<number | null>(null);
  useEffect(() => {
    const from = moreFrom.current;
    if (from == null || !pages || pages.items.length <= from) return;
    moreFrom.current = null;
    document.querySelectorAll<HTMLElement>('.responses > article.response')[from]?.focus();
  }, [pages]);

  const set = (patch: Partial<Filters>) => setF((old) => ({ ...old, ...patch }));
  const moments = [...new Set((surveys.data?.surveys ?? []).map((s) => s.moment))].sort();
  return (
    <section aria-labelledby="h-responses">
      <h1 id="h-responses">Responses</h1>
      <p class="lead">
        Every answer as the customer gave it, newest first, for{' '}
        <time dateTime={period.from}>{fmtDate(period.from)}</time> to{' '}
        <time dateTime={period.to}>{fmtDate(period.to)}</time> (both days included).
      </p>
      <form
        class="filters card"
        onSubmit={(e) => {
          e.preventDefault();
          set({ q: text.trim() });
        }}
      >
        <label>
          Survey
          <select value={f.surveyId} onChange={(e) => set({ surveyId: e.currentTarget.value })}>
            <option value="">All surveys</option>
            {surveys.data?.surveys.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Moment
          <select value={f.moment} onChange={(e) => set({ moment: e.currentTarget.value })}>
            <option value="">All moments</option>
            {moments.map((m) => (
              <option key={m} value={m}>
                {humanize(m)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Score
          <select value={f.band} onChange={(e) => set({ band: e.currentTarget.value })}>
            {BANDS.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label>
          Finished
          <select value={f.complete} onChange={(e) => set({ complete: e.currentTarget.value })}>
            <option value="">Complete or partial</option>
            <option value="true">Complete only</option>
            <option value="false">Partial only</option>
          </select>
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={f.hasComment}
            onChange={(e) => set({ hasComment: e.currentTarget.checked })}
          />{' '}
          With a comment
        </label>
        <label>
          Words in the comment
          <input type="search" value={text} onInput={(e) => setText(e.currentTarget.value)} />
        </label>
        <button type="submit">Search</button>
        {f.customer && (
          <button
            type="button"
            aria-label="Show every customer's responses"
            onClick={() => set({ customer: '' })}
          >
            {/* By their email or name where a listed response carries it (the id means little). */}
            Customer {(() => {
              const who = pages?.items.find((r) => r.customer?.id === f.customer)?.customer;
              return who?.email ?? who?.name ?? f.customer;
            })()} ✕
          </button>
        )}
      </form>
      <div class="actions">
        <button
          type="button"
          onClick={() => downloadExport(site.id, 'csv', query).catch((e) => setExportError(describeError(e)))}
        >
          Download these as CSV
        </button>
        {exportError && <span class="error-text">{exportError}</span>}
      </div>
      {error ? (
        <ErrorNote error={error} retry={() => load()} />
      ) : !pages ? (
        <Loading />
      ) : !pages.items.length ? (
        <Empty>No response matches these filters in this period.</Empty>
      ) : (
        <>
          <p class="muted small" role="status" data-testid="responses-count">
            {pages.next || pages.items.length < pages.total
              ? `${fmt(pages.items.length)} of ${fmt(pages.total)} shown, newest first; more below.`
              : `All ${fmt(pages.items.length)} shown.`}
          </p>
          <div class="responses">
            {pages.items.map((r) => (
              <ResponseCard key={r.id} r={r} scales={scales} labels={labels} focusable />
            ))}
          </div>
          {pages.next && (
            <button
              type="button"
              aria-disabled={busy}
              onClick={() => {
                if (busy) return;
                moreFrom.current = pages.items.length;
                void load(pages.next ?? undefined);
              }}
            >
              Show {PAGE} more
            </button>
          )}
        </>
      )}
    </section>
  );
}
