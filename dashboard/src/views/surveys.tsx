import type { Survey } from '@moments/shared';
import { useState } from 'preact/hooks';
import { api, describeError } from '../api.js';
import { ScrollBox } from '../components/scroll-box.js';
import { STACK, StackHead } from '../components/stack-table.js';
import { Empty, Loaded } from '../components/states.js';
import { fmtDate, humanize, questionTypeLabel } from '../format.js';
import { onLinkClick } from '../router.js';
import { useDashboard, useLoad } from '../state.js';
import { SurveyEditor } from './survey-editor.js';

/** The survey with another status, as PUT wants it (every field, none of the server's own). */
function withStatus(s: Survey, status: Survey['status']) {
  const { id: _i, siteId: _s, createdAt: _c, updatedAt: _u, ...body } = s;
  return { ...body, status };
}

export function SurveysView({ surveyId }: { surveyId?: string }) {
  const { site } = useDashboard();
  const load = useLoad(() => api.listSurveys(site.id), [site.id]);
  const [message, setMessage] = useState<string>();

  if (surveyId) {
    return (
      <section aria-labelledby="h-survey">
        <p>
          <a class="back" href="/app/surveys" onClick={onLinkClick}>
            ← All surveys
          </a>
        </p>
        <Loaded load={load}>
          {({ surveys }) => {
            const survey = surveyId === 'new' ? undefined : surveys.find((s) => s.id === surveyId);
            if (surveyId !== 'new' && !survey)
              return <Empty>There is no survey {surveyId} on this site.</Empty>;
            return (
              <>
                <h1 id="h-survey">{survey ? survey.name : 'New survey'}</h1>
                <SurveyEditor key={surveyId} survey={survey} surveys={surveys} onSaved={load.reload} />
              </>
            );
          }}
        </Loaded>
      </section>
    );
  }

  async function toggle(s: Survey) {
    try {
      await api.replaceSurvey(s.id, withStatus(s, s.status === 'active' ? 'paused' : 'active'));
      setMessage(`${s.name} is ${s.status === 'active' ? 'paused' : 'active'}.`);
      load.reload();
    } catch (err) {
      setMessage(describeError(err));
    }
  }

  return (
    <section aria-labelledby="h-surveys">
      <div class="card-head">
        <h1 id="h-surveys">Surveys</h1>
        <a class="button primary" href="/app/surveys/new" onClick={onLinkClick}>
          New survey
        </a>
      </div>
      <p class="lead">
        One survey per funnel moment. A survey shows when its moment is tracked on your site (or its trigger
        fires), within the contact policy.
      </p>
      {message && (
        <p role="status" class="ok">
          {message}
        </p>
      )}
      <Loaded load={load}>
        {({ surveys }) =>
          surveys.length ? (
            <ScrollBox label="Survey list">
              <table class="table stack" {...STACK.table}>
                <caption class="sr-only">Surveys of {site.name}</caption>
                <StackHead
                  columns={[
                    'Name',
                    'Moment',
                    'Questions',
                    'Status',
                    'Updated',
                    { label: <span class="sr-only">Actions</span> },
                  ]}
                />
                <tbody {...STACK.rowgroup}>
                  {surveys.map((s) => (
                    <tr {...STACK.row} key={s.id}>
                      <th scope="row" {...STACK.rowheader}>
                        <a href={`/app/surveys/${encodeURIComponent(s.id)}`} onClick={onLinkClick}>
                          {s.name}
                        </a>
                      </th>
                      <td {...STACK.cell} data-label="Moment">
                        {humanize(s.moment)}
                      </td>
                      <td {...STACK.cell} data-label="Questions">
                        {s.questions.map((q) => questionTypeLabel(q.type)).join(', ')}
                      </td>
                      <td {...STACK.cell} data-label="Status">
                        <span class={`pill ${s.status}`}>{s.status}</span>
                      </td>
                      <td {...STACK.cell} data-label="Updated">
                        {fmtDate(s.updatedAt)}
                      </td>
                      <td {...STACK.cell}>
                        <div class="row-actions">
                          <a
                            class="button"
                            href={`/app/surveys/${encodeURIComponent(s.id)}/results`}
                            onClick={onLinkClick}
                            aria-label={`Results of ${s.name}`}
                          >
                            Results
                          </a>
                          <button
                            type="button"
                            onClick={() => toggle(s)}
                            aria-label={`${s.status === 'active' ? 'Pause' : 'Activate'} ${s.name}`}
                          >
                            {s.status === 'active' ? 'Pause' : 'Activate'}
                          </button>
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollBox>
          ) : (
            <Empty>No surveys yet: create the first one for a moment that matters.</Empty>
          )
        }
      </Loaded>
    </section>
  );
}
