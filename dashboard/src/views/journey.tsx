import type { Journey } from '@moments/shared';
import { api } from '../api.js';
import { ScrollBox } from '../components/scroll-box.js';
import { STACK, StackHead } from '../components/stack-table.js';
import { Bar } from '../components/stat.js';
import { Empty, Loaded } from '../components/states.js';
import { DIGITS, fmt, fmtCi, fmtPct, humanize, METRIC_LABEL } from '../format.js';
import { useDashboard, useLoad } from '../state.js';

type Step = Journey['moments'][number];

/** The worst band of each metric, as a share's label. */
const WORST_LABEL: Record<string, string> = {
  detractor: 'detractors',
  unsatisfied: 'unsatisfied (CSAT 1–2)',
  hard: 'found it hard (CES 1–3)',
};

/** A moment's answers in its metric's worst band (detractor, unsatisfied, hard): comparable across metrics. */
const worstBand = (m: Step) => m.bands[m.bands.length - 1];

function headline(m: Step): string {
  if (m.metric === 'nps') return `NPS ${fmt(m.nps.score)}`;
  if (m.metric === 'csat') return `CSAT ${fmt(m.csat.score)}%`;
  if (m.metric === 'ces') return `CES ${fmt(m.ces.mean, 2)} of 7`;
  return 'no score';
}

export function JourneyView() {
  const { site, filter } = useDashboard();
  const load = useLoad(() => api.getJourney(site.id, filter), [site.id, filter.from, filter.to]);
  return (
    <section aria-labelledby="h-journey">
      <h1 id="h-journey">Journey</h1>
      <p class="lead">
        Each funnel moment in order: how customers felt there, and whether they went on to the next moment.
        Each moment's scores are its own answers; the Overview's count every moment's together, those where
        customers leave included.
      </p>
      <Loaded load={load}>
        {(j) => {
          if (!j.moments.length) return <Empty>No funnel moments have answers in this period.</Empty>;
          // A moment where customers leave is unhappy by construction (those who cancel are): it is
          // not ranked, or "hurts most" would only ever name the cancelling itself.
          const ranked = j.moments
            .map((m) => ({ m, band: worstBand(m) }))
            .filter((x) => !x.m.exit && x.band?.share != null && x.m.n >= 30)
            .sort((a, b) => b.band!.share! - a.band!.share!);
          const worst = ranked[0];
          return (
            <>
              {worst && (
                <div class="callout" data-testid="hurts-most">
                  <strong>Hurts most: {humanize(worst.m.moment)}</strong>. {fmtPct(worst.band!.share)} of its
                  answers (95% CI {fmtCi(worst.band!.ci95, 0, 100, '%')}) are in the worst band,{' '}
                  {worst.band!.band}: the highest share of any moment ({headline(worst.m)}).
                  {j.moments.some((m) => m.exit) &&
                    ' Moments where customers leave (such as cancelling) are not ranked: those who leave are unhappy by definition.'}
                </div>
              )}
              <ol class="journey">
                {j.moments.map((m) => {
                  const metric = m.metric;
                  const unhappy = worstBand(m);
                  const countHead = m.nextIsExit ? 'Lost' : 'Converted';
                  const rateHead = `${m.nextIsExit ? 'Share lost' : 'Rate'} (95% CI)`;
                  return (
                    <li key={m.moment} class="card">
                      <div class="card-head">
                        <h2>{humanize(m.moment)}</h2>
                        <span class="muted">
                          <code>{m.moment}</code>
                        </span>
                      </div>
                      <div class="journey-scores">
                        <div>
                          <div class="big">{headline(m)}</div>
                          <div class="muted small">
                            {metric &&
                              `95% CI ${fmtCi(
                                metric === 'nps' ? m.nps.ci95 : metric === 'csat' ? m.csat.ci95 : m.ces.ci95,
                                DIGITS[metric],
                              )} · `}
                            n = {fmt(m.n)}
                          </div>
                        </div>
                        <div>
                          <div class="big">{fmtPct(m.responseRate.rate)}</div>
                          <div class="muted small">
                            {m.responseRate.rate == null && m.responseRate.unavailable
                              ? `no response rate: ${m.responseRate.unavailable.split(':')[0]!.replace(/^More/, 'more')}`
                              : `response rate, 95% CI ${fmtCi(m.responseRate.ci95, 0, 100, '%')}`}
                          </div>
                        </div>
                        <div>
                          <div class="big">{fmtPct(unhappy?.share)}</div>
                          <div class="muted small">
                            {unhappy
                              ? `${WORST_LABEL[unhappy.band] ?? unhappy.band}, 95% CI ${fmtCi(unhappy.ci95, 0, 100, '%')}`
                              : 'in the worst band'}
                          </div>
                        </div>
                      </div>
                      {m.exit && (
                        <p class="muted small">
                          Customers here are leaving: unhappy answers are expected, so this moment is not
                          ranked against the others. Read why they leave in Responses.
                        </p>
                      )}
                      {m.next && m.conversion.length > 0 ? (
                        <ScrollBox label={`Answers by band at ${humanize(m.moment)}`}>
                          <table class="table stack" {...STACK.table}>
                            <caption>
                              Went on to <strong>{humanize(m.next)}</strong>, by{' '}
                              {metric ? METRIC_LABEL[metric] : ''} band
                              {m.nextIsExit && (
                                <span class="loss">
                                  {' '}
                                  · a loss: customers who went on to leave (lower is better)
                                </span>
                              )}
                            </caption>
                            <StackHead
                              columns={['Band', 'Customers', countHead, { label: rateHead, class: 'wide' }]}
                            />
                            <tbody {...STACK.rowgroup}>
                              {m.conversion.map((b) => (
                                <tr {...STACK.row} key={b.band}>
                                  <th scope="row" {...STACK.rowheader}>
                                    {b.band}
                                  </th>
                                  <td {...STACK.cell} data-label="Customers">
                                    {fmt(b.n)}
                                  </td>
                                  <td {...STACK.cell} data-label={countHead}>
                                    {fmt(b.converted)}
                                  </td>
                                  <td {...STACK.cell} data-label={rateHead}>
                                    <Bar
                                      value={b.rate}
                                      tone={m.nextIsExit ? 'loss' : undefined}
                                      label={`${b.band}: ${fmtPct(b.rate)} ${m.nextIsExit ? 'lost' : 'converted'}`}
                                    />
                                    {fmtPct(b.rate)}
                                    {m.nextIsExit && ' lost'}{' '}
                                    <span class="muted">({fmtCi(b.ci95, 0, 100, '%')})</span>
                                  </td>
                                </tr>
                              ))}
                            </tbody>
                          </table>
                        </ScrollBox>
                      ) : (
                        <p class="muted small">The last moment: no next step to convert to.</p>
                      )}
                    </li>
                  );
                })}
              </ol>
            </>
          );
        }}
      </Loaded>
    </section>
  );
}
