import { DRIVER_ON_AVERAGE, type Drivers, type Survey } from '@moments/shared';
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
        What moves the score: how much of the ups and downs in the score each driver accounts for, against how
        well you do on it. The numbers are explained under the table.
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

type Driver = Drivers['drivers'][number];

/** A driver on an average line (no quadrant), put in words: "average importance, scores above the average". */
function describeOnLine(p: NonNullable<Driver['position']>): string {
  const importance = {
    above: 'matters more than the average',
    average: 'average importance',
    below: 'matters less than the average',
  }[p.importance];
  const performance = {
    above: 'scores above the average',
    average: 'scores at the average',
    below: 'scores below the average',
  }[p.performance];
  return `${importance}, ${performance}`;
}

/** On an average line: placed, but too near an average for a quadrant to claim a direction. */
const onLine = (x: Driver) => x.quadrant == null && x.position != null;

/** The rule for "on a line", in words, from the margins the report uses. */
const ON_LINE_RULE = `its importance is within a tenth of the average driver's, or its mean is within ${fmtPct(
  DRIVER_ON_AVERAGE.scale,
  1,
)} of the scale of the average mean (0.1 of a point on 1 to 5): too near to say above or below, so no quadrant is claimed`;

/** How to read the chart beside it: each quadrant, what it means, and which drivers are in it. */
function QuadrantKey({ drivers }: { drivers: Drivers['drivers'] }) {
  const lined = drivers.filter(onLine);
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
        <div data-testid="on-line-key">
          <dt>
            <span class="swatch on-line" aria-hidden="true" />
            On an average line
          </dt>
          <dd>
            too near an average to say above or below, so no quadrant (the rule is under the table):{' '}
            <strong>
              {lined.length
                ? lined.map((x) => `${humanize(x.driver)} (${describeOnLine(x.position!)})`).join(', ')
                : 'none'}
            </strong>
          </dd>
        </div>
      </dl>
    </div>
  );
}

/** What the statistics on this page mean, in plain words (the numbers stay as they are). */
function Glossary({ d }: { d: Drivers }) {
  const outcome = d.outcome.toUpperCase();
  return (
    <div class="card glossary" data-testid="drivers-glossary">
      <h2>What the numbers mean</h2>
      <dl>
        <dt>R²</dt>
        <dd>
          How much of the differences in {outcome} from one response to the next the drivers explain together:
          0% nothing, 100% all of it. Here {fmtPct(d.r2)}; the rest comes from what the survey does not ask.
        </dd>
        <dt>Share of R²</dt>
        <dd>
          Of what the drivers explain together, the part that goes with this driver; the shares add up to
          100%. A bigger share: when this driver's rating goes up or down, {outcome} tends to follow.
        </dd>
        <dt>Relative weight</dt>
        <dd>
          The same part on the scale of R² (share × R²), by Johnson's relative weights: a method that splits
          fairly between drivers customers rate alike, instead of crediting one of them with everything.
        </dd>
        <dt>Mean, n</dt>
        <dd>The driver's average rating on its scale, and how many answers it rests on.</dd>
        <dt>Quadrant</dt>
        <dd>
          Whether the driver matters more or less than the average driver (its share against 100% ÷{' '}
          {d.drivers.length}) and scores above or below the average of the drivers' means; on an average line
          when {ON_LINE_RULE}.
        </dd>
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
                    more than the average driver ({fmtPct(fix[0]!.share)} of what the drivers explain) and
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
                <p class="muted small" data-testid="drivers-r2">
                  Together the drivers explain {fmtPct(d.r2)} of the differences in {d.outcome.toUpperCase()}{' '}
                  between responses (R² = {fmtPct(d.r2)}), over {fmt(d.n)} responses that answered all of
                  them.
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
                            {onLine(x) ? (
                              <>
                                <span class="pill on-line">on an average line</span>
                                <div class="muted small">{describeOnLine(x.position!)}</div>
                              </>
                            ) : (
                              <span class={`pill ${x.quadrant?.replace(' ', '-') ?? ''}`}>
                                {x.quadrant ?? '–'}
                              </span>
                            )}
                          </td>
                        </tr>
                      ))}
                  </tbody>
                </table>
              </ScrollBox>
              <Glossary d={d} />
            </>
          );
        }}
      </Loaded>
    </>
  );
}
