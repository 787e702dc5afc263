import type { IngestResult, Survey, SurveyResponse } from '@moments/shared';
import type { Db, Queryable, SqlValue } from '../db/index.js';
import { ValidationError } from '../domain/errors.js';
import { openFollowUps } from '../followups/open-followups.js';
import { appendLiveEvents } from '../live/live-events.js';
import { recordCustomerScores } from '../rollups/customer-scores.js';
import { bumpAgentDaily, bumpResponseDaily, bumpScoreDaily, ROLLUP_QTYPES, toDay } from '../rollups/daily.js';
import type { SiteRecord } from '../sites/queries.js';
import { findSurveysForIngest } from '../surveys/queries.js';
import { enqueueWebhookEvent } from '../webhooks/queries.js';
import { checkResponses } from './check-answers.js';
import { writeBatch } from './write-batch.js';

/** The responses table's columns, in the order ingest writes them. */
export const RESPONSE_COLUMNS = [
  'site_id',
  'id',
  'survey_id',
  'customer_id',
  'anonymous_id',
  'moment',
  'agent',
  'team',
  'ticket_id',
  'url',
  'locale',
  'created_at',
  'received_at',
  'body',
  'complete',
];
/** The answers table's columns, in the order ingest writes them. */
export const ANSWER_COLUMNS = [
  'site_id',
  'response_id',
  'question_id',
  'survey_id',
  'qtype',
  'driver',
  'value_num',
  'value_text',
  'moment',
  'team',
  'agent',
  'customer_id',
  'created_at',
];

function toAnswerRows(siteId: string, r: SurveyResponse, survey: Survey, at: number): SqlValue[][] {
  return r.answers.map((a) => {
    const q = survey.questions.find((x) => x.id === a.questionId)!;
    const num = typeof a.value === 'number' ? a.value : null;
    const text =
      typeof a.value === 'string' ? a.value : Array.isArray(a.value) ? JSON.stringify(a.value) : null;
    return [
      siteId,
      r.id,
      q.id,
      r.surveyId,
      q.type,
      q.type === 'rating' ? (q.driver ?? null) : null,
      num,
      text,
      r.moment,
      r.context?.team ?? null,
      r.context?.agent ?? null,
      r.customer?.id ?? null,
      at,
    ];
  });
}

/** What the agents' live stream hears of a batch: each identified customer's response and new follow-up. */
function toLiveEvents(
  siteId: string,
  stored: SurveyResponse[],
  opened: { id: string; response: SurveyResponse; reason: string }[],
  now: number,
) {
  const at = new Date(now).toISOString();
  return [
    ...stored
      .filter((r) => r.customer)
      .map((r) => ({
        siteId,
        customerId: r.customer!.id,
        type: 'response' as const,
        payload: {
          responseId: r.id,
          surveyId: r.surveyId,
          moment: r.moment,
          createdAt: r.createdAt,
          answers: r.answers,
          complete: r.complete !== false,
        },
      })),
    ...opened
      .filter((f) => f.response.customer)
      .map((f) => ({
        siteId,
        customerId: f.response.customer!.id,
        type: 'followup' as const,
        payload: {
          id: f.id,
          status: 'open',
          reason: f.reason,
          responseId: f.response.id,
          openedAt: at,
          updatedAt: at,
        },
      })),
  ];
}

/**
 * Counts what a write added into the daily rollups and each customer's latest scores: new
 * responses once, completions once, and each stored NPS, CSAT and CES answer once.
 */
async function addToDaily(q: Queryable, siteId: string, additions: Addition[], surveys: Map<string, Survey>) {
  const stored = additions.map((a) => a.response);
  const keyOf = (r: SurveyResponse) => ({
    day: toDay(Date.parse(r.createdAt)),
    surveyId: r.surveyId,
    moment: r.moment,
    team: r.context?.team ?? '',
  });
  await bumpResponseDaily(
    q,
    siteId,
    additions.filter((a) => a.created).map((a) => keyOf(a.response)),
  );
  await bumpResponseDaily(
    q,
    siteId,
    additions.filter((a) => a.completed).map((a) => keyOf(a.response)),
    1,
    'completion_daily',
  );
  const scores = stored.flatMap((r) => {
    const questions = surveys.get(r.surveyId)!.questions;
    return r.answers.flatMap((a) => {
      const qtype = questions.find((x) => x.id === a.questionId)!.type;
      return typeof a.value === 'number' && ROLLUP_QTYPES.includes(qtype)
        ? [
            {
              ...keyOf(r),
              qtype,
              value: a.value,
              agent: r.context?.agent,
              customerId: r.customer?.id,
              at: Date.parse(r.createdAt),
            },
          ]
        : [];
    });
  });
  await bumpScoreDaily(q, siteId, scores);
  await bumpAgentDaily(q, siteId, scores);
  await recordCustomerScores(
    q,
    siteId,
    scores.flatMap((k) => (k.customerId ? [{ ...k, customerId: k.customerId }] : [])),
  );
}

type StoredResponse = {
  id: string;
  survey_id: string;
  customer_id: string | null;
  moment: string;
  team: string | null;
  agent: string | null;
  created_at: number;
  complete: number;
  body: string;
};

/** What one write added to a response: the answers it stored, and whether it completed it. */
type Addition = { response: SurveyResponse; completed: boolean; created: boolean };

/**
 * Adds to responses already stored what this send has and they lack: each question's first stored
 * answer is kept, a later one for it is ignored (the answers' primary key decides, so concurrent
 * and out-of-order sends agree on both databases). The stored row is locked first (PostgreSQL), so
 * its body is rebuilt from what committed before. Answers take the stored response's moment, team,
 * agent, customer and time, so rollups and reports see one response.
 */
async function addToStoredResponses(
  q: Queryable,
  db: Db,
  siteId: string,
  sends: SurveyResponse[],
  surveys: Map<string, Survey>,
): Promise<Addition[]> {
  if (!sends.length) return [];
  const rows = await q.all<StoredResponse>(
    `SELECT id, survey_id, customer_id, moment, team, agent, created_at, complete, body FROM responses
     WHERE site_id = ? AND id IN (${sends.map(() => '?').join(', ')}) ORDER BY id${db.dialect.lockRows}`,
    [siteId, ...sends.map((r) => r.id)],
  );
  const additions: Addition[] = [];
  for (const row of rows) {
    const send = sends.find((r) => r.id === row.id)!;
    // An id reused for another survey adds nothing: its answers belong to no question of the stored one.
    if (send.surveyId !== row.survey_id) continue;
    const stored = JSON.parse(row.body) as SurveyResponse;
    const storedAs: SurveyResponse = {
      ...stored,
      moment: row.moment,
      createdAt: new Date(row.created_at).toISOString(),
      customer: row.customer_id ? { ...stored.customer, id: row.customer_id } : undefined,
      context: { ...stored.context, team: row.team ?? undefined, agent: row.agent ?? undefined },
    };
    const candidates = { ...storedAs, answers: send.answers };
    const added = new Set(
      await q.insertRows(
        'answers',
        ANSWER_COLUMNS,
        toAnswerRows(siteId, candidates, surveys.get(row.survey_id)!, row.created_at),
        { onConflict: 'ON CONFLICT DO NOTHING', returning: 'question_id' },
      ),
    );
    const answers = send.answers.filter((a) => added.has(a.questionId));
    const completed = send.complete !== false && row.complete === 0;
    if (!answers.length && !completed) continue;
    const complete = completed || row.complete === 1;
    await q.run('UPDATE responses SET complete = ?, body = ? WHERE site_id = ? AND id = ?', [
      complete ? 1 : 0,
      JSON.stringify({ ...stored, answers: [...stored.answers, ...answers], complete }),
      siteId,
      row.id,
    ]);
    additions.push({ response: { ...storedAs, answers, complete }, completed, created: false });
  }
  return additions;
}

/**
 * Stores a checked batch in one transaction. A response is new, or adds answers (or its
 * completion) to one stored earlier under the same id; a send that adds nothing is a duplicate,
 * never an error and never a second count. Rollups, follow-ups, live events and webhooks see only
 * what this write added.
 */
export async function saveResponses(
  db: Db,
  site: SiteRecord,
  responses: SurveyResponse[],
): Promise<IngestResult> {
  const surveys = await findSurveysForIngest(
    db,
    site.id,
    responses.map((r) => r.surveyId),
  );
  const issues = checkResponses(responses, surveys);
  if (issues.length) throw new ValidationError(issues);
  const now = Date.now();
  return writeBatch(
    db,
    {
      siteId: site.id,
      table: 'responses',
      columns: RESPONSE_COLUMNS,
      toRow: (r) => [
        site.id,
        r.id,
        r.surveyId,
        r.customer?.id ?? null,
        r.anonymousId,
        r.moment,
        r.context?.agent ?? null,
        r.context?.team ?? null,
        r.context?.ticketId ?? null,
        r.context?.url ?? null,
        r.locale ?? null,
        Date.parse(r.createdAt),
        now,
        JSON.stringify(r),
        r.complete === false ? 0 : 1,
      ],
      afterWrite: async (q, created, existing) => {
        await q.insertRows(
          'answers',
          ANSWER_COLUMNS,
          created.flatMap((r) => toAnswerRows(site.id, r, surveys.get(r.surveyId)!, Date.parse(r.createdAt))),
          { onConflict: 'ON CONFLICT DO NOTHING' },
        );
        const additions: Addition[] = [
          ...created.map((r) => ({ response: r, completed: r.complete !== false, created: true })),
          ...(await addToStoredResponses(q, db, site.id, existing, surveys)),
        ];
        await recordAdditions(q, db, site, additions, surveys, now);
        return new Set(additions.map((a) => a.response.id));
      },
    },
    responses,
  );
}

/** Everything derived from what a write added, in its transaction: rollups, follow-ups, webhooks, live events. */
async function recordAdditions(
  q: Queryable,
  db: Db,
  site: SiteRecord,
  additions: Addition[],
  surveys: Map<string, Survey>,
  now: number,
) {
  const created = additions.filter((a) => a.created).map((a) => a.response);
  const withAnswers = additions.map((a) => a.response).filter((r) => r.answers.length);
  await addToDaily(q, site.id, additions, surveys);
  const opened = await openFollowUps(q, site.id, site.followUpRule, withAnswers, surveys, now);
  await enqueueWebhookEvent(q, site.id, 'response.created', created);
  await enqueueWebhookEvent(
    q,
    site.id,
    'response.updated',
    additions.filter((a) => !a.created).map((a) => a.response),
  );
  await enqueueWebhookEvent(
    q,
    site.id,
    'followup.opened',
    opened.map((f) => ({
      id: f.id,
      responseId: f.response.id,
      customerId: f.response.customer?.id ?? null,
      reason: f.reason,
    })),
  );
  // Last: on PostgreSQL the live log's ordered-append lock is held from here to commit, so writers
  // that name customers queue on it for one insert, not for the whole transaction.
  await appendLiveEvents(q, db.dialect, toLiveEvents(site.id, withAnswers, opened, now));
}
