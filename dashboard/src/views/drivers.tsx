import type { Drivers, Survey } from '@moments/shared';
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { QuadrantChart } from '../components/quadrant-chart.js';
import { ScrollBox } from '../components/scroll-box.js';
import { STACK, StackHead } from '../components/stack-table.js';
import { Empty, Loaded } from '../components/states.js';
import { fmt, fmtPct, humanize } from '../format.js';
import { useDashboard, useLoad } from '../state.js';

export function DriversView() {
  const { site } = useDashboard();
  const surveys = useLoad(() => api.listSurveys(site.id), [site.id]);
  const withDrivers =
    surveys.data?.surveys.filter((s) => s.questions.some((q) => q.type === 'rating' && q.driver)) ?? [];
  const [chosen, setChosen] = useState<string>();
  const surveyId = chosen && withDrivers.some((s) => s.id === chosen) ? chosen : withDrivers[0]?.id;
  const survey = withDrivers.find((s) => s.id === surveyId);
  return (
    <section aria-labelledby="h-drivers">
      <h1 id="h-drivers">Drivers</h1>
      <p class="lead">
        What moves the score: each driver's share of what the drivers together explain (Johnson's relative
        weights, fair to drivers that move together), against how well you do on it.
      </p>
      <Loaded load={surveys}>
        {() =>
          !withDrivers.length ? (
            <Empty>
              No survey has driver questions. Add a rating question with a driver name (speed, price, ease) in{' '}
              <a href="/app/surveys">Surveys</a>.
            </Empty>
          ) : (
            <>
              <div class="controls card">
                <label>
                  Survey{' '}
                  <select value={surveyId} onChange={(e) => setChosen(e.currentTarget.value)}>
                    {withDrivers.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.name}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
              {survey && <DriversOf survey={survey} />}
            </>
          )
        }
      </Loaded>
    </section>
  );
}

const QUADRANTS = [
  ['fix first', 'Fix first', 'matters more than the average driver and scores below the average'],
  ['keep up', 'Keep up', 'matters more than the average and scores above it'],
  ['over-invested', 'Over-invested', 'scores above the average but matters less'],
  ['watch', 'Watch', 'matters less and scores below the average'],
] as const;

/** How to read the chart beside it: each quadrant, what it means, and which drivers are in it. */
function QuadrantKey({ drivers }: { drivers: Drivers['drivers'] }) {
  return (
    <div class="quadrant-key">
      <h2 class="quadrant-key-title">Reading the chart</h2>
      <dl>
        {QUADRANTS.map(([q, name, meaning]) => {
          const inIt = drivers.filter((x) => x.quadrant === q).map((x) => humanize(x.driver));
          return (
            <div key={q}>
              <dt>
                <span class={`swatch ${q.replace(' ', '-')}`} aria-hidden="true" />
                {name}
              </dt>
              <dd>
                {meaning}: <strong>{inIt.length ? inIt.join(', ') : 'none'}</strong>
              </dd>
            </div>
          );
        })}
      </dl>
    </div>
  );
}

/**
 * The drivers of one survey, for an outcome it asks (NPS or CSAT): mounted once the survey is
 * known, so no request goes out for a survey or an outcome that is not there.
 */
function DriversOf({ survey }: { survey: Survey }) {
  const { site, filter } = useDashboard();
  const outcomes = (['nps', 'csat'] as const).filter((m) => survey.questions.some((q) => q.type === m));
  const [chosen, setChosen] = useState<'nps' | 'csat'>();
  const outcome = chosen && outcomes.includes(chosen) ? chosen : outcomes[0];
  const drivers = useLoad(
    () =>
      outcome ? api.getDrivers(site.id, { ...filter, surveyId: survey.id, outcome }) : Promise.resolve(null),
    [site.id, survey.id, outcome, filter.from, filter.to],
  );
  if (!outcome)
    return (
      <Empty>This survey asks neither NPS nor CSAT: there is no outcome for its drivers to explain.</Empty>
    );
  return (
    <>
      {outcomes.length > 1 && (
        <div class="controls">
          <label>
            Outcome{' '}
            <select value={outcome} onChange={(e) => setChosen(e.currentTarget.value as 'nps' | 'csat')}>
              {outcomes.map((m) => (
                <option key={m} value={m}>
                  {m.toUpperCase()}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      <Loaded load={drivers}>
        {(d) => {
          if (!d || d.r2 == null || !d.drivers.some((x) => x.share != null))
            return (
              <Empty>
                Not enough answers with the outcome and every driver in this period to fit the model.
              </Empty>
            );
          const fix = d.drivers.filter((x) => x.quadrant === 'fix first').sort((a, b) => b.share! - a.share!);
          return (
            <>
              <div class="callout" data-testid="fix-first">
                {fix.length ? (
                  <>
                    <strong>Fix first: {fix.map((x) => humanize(x.driver)).join(', ')}</strong>. It matters
                    more than the average driver ({fmtPct(fix[0]!.share)} of the explained variance) and
                    scores below the average driver (its mean {fmt(fix[0]!.mean, 2)} of {fix[0]!.scale}).
                  </>
                ) : (
                  <>No driver is both important and under-performing: keep up the ones that matter most.</>
                )}
              </div>
              <div class="card drivers-chart">
                <div class="drivers-chart-grid">
                  <QuadrantChart drivers={d.drivers} />
                  <QuadrantKey drivers={d.drivers} />
                </div>
                <p class="muted small">
                  The drivers explain R² = {fmtPct(d.r2)} of the variation in {d.outcome.toUpperCase()} over{' '}
                  {fmt(d.n)} responses that answered all of them.
                </p>
              </div>
              <ScrollBox label="Drivers, most important first">
                <table class="table stack" {...STACK.table}>
                  <caption>Drivers, most important first</caption>
                  <StackHead
                    columns={['Driver', 'Share of R²', 'Relative weight', 'Mean', 'n', 'Quadrant']}
                  />
                  <tbody {...STACK.rowgroup}>
                    {[...d.drivers]
                      .sort((a, b) => (b.share ?? 0) - (a.share ?? 0))
                      .map((x) => (
                        <tr {...STACK.row} key={x.driver}>
                          <th scope="row" {...STACK.rowheader}>
                            {humanize(x.driver)}
                          </th>
                          <td {...STACK.cell} data-label="Share of R²">
                            {fmtPct(x.share)}
                          </td>
                          <td {...STACK.cell} data-label="Relative weight">
                            {fmt(x.importance, 3)}
                          </td>
                          <td {...STACK.cell} data-label="Mean">
                            {fmt(x.mean, 2)} <span class="muted">of {x.scale}</span>
                          </td>
                          <td {...STACK.cell} data-label="n">
                            {fmt(x.n)}
                          </td>
                          <td {...STACK.cell} data-label="Quadrant">
                            <span class={`pill ${x.quadrant?.replace(' ', '-') ?? ''}`}>
                              {x.quadrant ?? '–'}
                            </span>
                          </td>
                        </tr>
                      ))}
                  </tbody>
                </table>
              </ScrollBox>
            </>
          );
        }}
      </Loaded>
    </>
  );
}
