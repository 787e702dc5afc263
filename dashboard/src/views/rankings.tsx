import type { GroupBy, Metric, Movers, Ranking } from '@moments/shared';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { ScrollBox } from '../components/scroll-box.js';
import { STACK, StackHead } from '../components/stack-table.js';
import { Empty, Loaded } from '../components/states.js';
import {
  DIGITS,
  fmt,
  fmtCi,
  fmtDate,
  fmtLastDay,
  fmtSigned,
  humanize,
  METRIC_LABEL,
  SCORE_UNIT,
} from '../format.js';
import { useDashboard, useLoad } from '../state.js';

type Group = Ranking['groups'][number];

function ChangeCell({ g }: { g: Omit<Group, 'rank'> }) {
  if (!g.change) return <span class="muted">no earlier data</span>;
  // Higher is better for every metric, CES 2.0 included (higher is easier).
  const better = g.change.change > 0;
  return (
    <span class={g.change.significant ? (better ? 'up' : 'down') : 'flat'}>
      {fmtSigned(g.change.change)}{' '}
      <span class="muted">
        ({fmtSigned(g.change.ci95[0])} to {fmtSigned(g.change.ci95[1])})
        {g.change.significant ? '' : ', within the noise'}
      </span>
    </span>
  );
}

/** A group as people say it: a moment's id (`signup_completed`) in words; teams, agents and plans as they are. */
const nameOf = (key: string) => (/^[a-z0-9]+(_[a-z0-9]+)+$/.test(key) ? humanize(key) : key);

function MoverList({
  title,
  groups,
  metric,
  empty,
  allNoise,
}: {
  title: string;
  groups: Movers['improved'];
  metric: Metric;
  empty: string;
  /** Said when every group listed moved within the noise (most improved lists any rise). */
  allNoise?: string;
}) {
  return (
    <div class="card">
      <h3>{title}</h3>
      {allNoise && groups.length > 0 && groups.every((g) => !g.change?.significant) && (
        <p class="muted small">{allNoise}</p>
      )}
      {groups.length ? (
        <ol class="movers">
          {groups.map((g) => (
            <li key={g.key}>
              <strong>{nameOf(g.key)}</strong>: {METRIC_LABEL[metric]} {fmt(g.score, DIGITS[metric])}
              {SCORE_UNIT[metric]} (n = {fmt(g.n)}
              ), <ChangeCell g={g} />
            </li>
          ))}
        </ol>
      ) : (
        <p class="muted">{empty}</p>
      )}
    </div>
  );
}

const METRICS = ['nps', 'csat', 'ces'] as const;

/** A grouping's name for one of its groups, as a sentence says it ("an agent", "a plan"). */
const ONE_OF: Record<GroupBy, string> = {
  team: 'a team',
  agent: 'an agent',
  moment: 'a moment',
  plan: 'a plan',
};

export function RankingsView() {
  const { site, filter } = useDashboard();
  const [by, setBy] = useState<GroupBy>('team');
  // Teams and agents are named on support answers, which ask CSAT: the metric they are judged by.
  const [metric, setMetric] = useState<Metric>('csat');
  const [minN, setMinN] = useState(30);
  // What is typed in "Minimum answers": a number below 1 (or none) is refused beside the field, not turned into 1.
  const [minText, setMinText] = useState('30');
  const typedMin = Number(minText);
  const minValid = minText.trim() !== '' && Number.isInteger(typedMin) && typedMin >= 1 && typedMin <= 100000;
  const [interval, setInterval] = useState<'week' | 'month'>('month');
  const ranking = useLoad(
    () => api.getRanking(site.id, { ...filter, by, metric, minN }),
    [site.id, filter.from, filter.to, by, metric, minN],
  );
  // The metrics the grouping has answers for in the period (from the ranking, whatever its metric).
  const answered = ranking.data?.by === by ? ranking.data.answered : undefined;
  const offered = (m: Metric) => !answered || answered[m] > 0 || METRICS.every((x) => !answered[x]);
  // The metric chosen has no answer naming a group of this grouping, another has: show that one, and say so.
  const [switched, setSwitched] = useState<{ from: Metric; to: Metric; by: GroupBy }>();
  useEffect(() => {
    if (!answered || offered(metric)) return;
    const best = [...METRICS].sort((a, b) => answered[b] - answered[a])[0]!;
    setSwitched({ from: metric, to: best, by });
    setMetric(best);
  }, [answered, metric, by]);
  const movers = useLoad(
    () => api.getMovers(site.id, { by, metric, interval, minN }),
    [site.id, by, metric, interval, minN],
  );
  return (
    <section aria-labelledby="h-rankings">
      <h1 id="h-rankings">Rankings and movers</h1>
      <div class="controls card">
        <label>
          Group by{' '}
          <select
            value={by}
            onChange={(e) => {
              setSwitched(undefined);
              setBy(e.currentTarget.value as GroupBy);
            }}
          >
            <option value="team">team</option>
            <option value="agent">agent</option>
            <option value="moment">moment</option>
            <option value="plan">plan</option>
          </select>
        </label>
        <label>
          Metric{' '}
          <select
            value={metric}
            onChange={(e) => {
              setSwitched(undefined);
              setMetric(e.currentTarget.value as Metric);
            }}
          >
            {METRICS.map((m) => (
              <option key={m} value={m} disabled={!offered(m)}>
                {METRIC_LABEL[m]}
                {offered(m) ? '' : ` (none by ${by})`}
              </option>
            ))}
          </select>
        </label>
        <div class="control-field">
          <label>
            Minimum answers{' '}
            <input
              type="number"
              min={1}
              max={100000}
              step={1}
              value={minText}
              aria-invalid={!minValid}
              aria-describedby={minValid ? undefined : 'r-min-error'}
              onInput={(e) => setMinText(e.currentTarget.value)}
              onChange={(e) => {
                const n = Number(e.currentTarget.value);
                if (e.currentTarget.value.trim() !== '' && Number.isInteger(n) && n >= 1 && n <= 100000)
                  setMinN(n);
              }}
            />
          </label>
          {!minValid && (
            <p class="field-error" id="r-min-error">
              Enter a whole number from 1 to 100,000: the ranking still counts groups with at least{' '}
              {fmt(minN)} answer{minN === 1 ? '' : 's'}.
            </p>
          )}
        </div>
      </div>
      <p class="muted small" role="status" data-testid="metric-switched">
        {switched && switched.by === by && switched.to === metric
          ? `No ${METRIC_LABEL[switched.from]} answer in this period names ${ONE_OF[by]}: showing ${METRIC_LABEL[metric]} instead.`
          : ''}
      </p>
      <h2>Movers</h2>
      <div class="controls">
        <label>
          The last{' '}
          <select value={interval} onChange={(e) => setInterval(e.currentTarget.value as 'week' | 'month')}>
            <option value="month">30 days</option>
            <option value="week">7 days</option>
          </select>{' '}
          of the period against as many days before
        </label>
      </div>
      <Loaded load={movers}>
        {(m) => (
          <>
            <p class="muted small">
              {fmtDate(m.current.from)} to {fmtLastDay(m.current.to)} against {fmtDate(m.previous.from)} to{' '}
              {fmtLastDay(m.previous.to)}.
            </p>
            <div class="grid2" data-testid="movers">
              <MoverList
                title="Most improved"
                groups={m.improved}
                metric={metric}
                empty="No group scored higher than in the period before."
                allNoise="Every rise here is within the noise: none is a real improvement yet."
              />
              <MoverList
                title="Needs attention"
                groups={m.attention}
                metric={metric}
                empty="No group dropped by more than the noise: nothing needs attention."
              />
            </div>
          </>
        )}
      </Loaded>
      <h2>
        Ranking, {METRIC_LABEL[metric]} by {by}
      </h2>
      <Loaded load={ranking}>
        {(r) =>
          // A metric this grouping has no answer of: the effect above moves to one it has.
          !offered(metric) ? null : (
            <>
              {r.groups.length ? (
                <ScrollBox label="Ranking table">
                  <table class="table stack" {...STACK.table}>
                    <caption>
                      Ranked groups with at least {fmt(r.minN)} answer{r.minN === 1 ? '' : 's'}; change
                      against {fmtDate(r.previous.from)} to {fmtLastDay(r.previous.to)}
                    </caption>
                    <StackHead
                      columns={[
                        { label: '#', ariaLabel: 'Rank' },
                        humanize(by),
                        METRIC_LABEL[metric],
                        '95% CI',
                        'n',
                        'Change',
                      ]}
                    />
                    <tbody {...STACK.rowgroup}>
                      {r.groups.map((g) => (
                        <tr {...STACK.row} key={g.key}>
                          <td {...STACK.cell} data-label="Rank">
                            {g.rank}
                          </td>
                          <th scope="row" {...STACK.rowheader}>
                            {nameOf(g.key)}
                          </th>
                          <td {...STACK.cell} data-label={METRIC_LABEL[metric]}>
                            {fmt(g.score, DIGITS[metric])}
                            {SCORE_UNIT[metric]}
                          </td>
                          <td {...STACK.cell} data-label="95% CI" class="muted">
                            {fmtCi(g.ci95, DIGITS[metric], 1, SCORE_UNIT[metric])}
                          </td>
                          <td {...STACK.cell} data-label="n">
                            {fmt(g.n)}
                          </td>
                          <td {...STACK.cell} data-label="Change">
                            <ChangeCell g={g} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </ScrollBox>
              ) : (
                <Empty>
                  No {by} has {fmt(r.minN)} {METRIC_LABEL[metric]} answer{r.minN === 1 ? '' : 's'} in this
                  period{r.insufficient.length ? '' : `: no ${METRIC_LABEL[metric]} answer names one`}.
                </Empty>
              )}
              {r.insufficient.length > 0 && (
                <p class="muted small">
                  Not ranked (fewer than {fmt(r.minN)} answer{r.minN === 1 ? '' : 's'}):{' '}
                  {r.insufficient.map((g) => `${nameOf(g.key)} (${g.n})`).join(', ')}.
                </p>
              )}
              <p class="note">{r.note}</p>
            </>
          )
        }
      </Loaded>
    </section>
  );
}
