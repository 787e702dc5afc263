import type { IngestResult, Survey, SurveyResponse } from '@moments/shared';
import type { Db, Queryable, SqlValue } from '../db/index.js';
import { openFollowUps } from '../followups/open-followups.js';
import { ValidationError } from '../http/errors.js';
import { appendLiveEvents } from '../live/live-events.js';
import { recordCustomerScores } from '../rollups/customer-scores.js';
import { bumpAgentDaily, bumpResponseDaily, bumpScoreDaily, ROLLUP_QTYPES, toDay } from '../rollups/daily.js';
import type { SiteRecord } from '../sites/queries.js';
import { findSurveysForIngest } from '../surveys/queries.js';
import { enqueueWebhookEvent } from '../webhooks/queries.js';
import { checkResponses } from './check-answers.js';
import { touchCustomers } from './save-customers.js';

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

/** Counts the stored responses and their NPS, CSAT and CES answers into the daily rollups and each customer's latest scores. */
async function addToDaily(
  q: Queryable,
  siteId: string,
  stored: SurveyResponse[],
  surveys: Map<string, Survey>,
) {
  const keyOf = (r: SurveyResponse) => ({
    day: toDay(Date.parse(r.createdAt)),
    surveyId: r.surveyId,
    moment: r.moment,
    team: r.context?.team ?? '',
  });
  await bumpResponseDaily(q, siteId, stored.map(keyOf));
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

/** What ingest answers: ids stored now, then ids already there or repeated in the batch. */
export function toIngestResult(
  unique: { id: string }[],
  repeated: string[],
  inserted: Set<string>,
): IngestResult {
  return {
    accepted: unique.filter((i) => inserted.has(i.id)).map((i) => i.id),
    duplicates: [...unique.filter((i) => !inserted.has(i.id)).map((i) => i.id), ...repeated],
  };
}

/** Keeps the first of each id; later copies in the same batch are duplicates. */
export function splitBatchDuplicates<T extends { id: string }>(
  items: T[],
): { unique: T[]; repeated: string[] } {
  const seen = new Set<string>();
  const unique: T[] = [];
  const repeated: string[] = [];
  for (const item of items) {
    if (seen.has(item.id)) repeated.push(item.id);
    else {
      seen.add(item.id);
      unique.push(item);
    }
  }
  return { unique, repeated };
}

/**
 * Stores a checked batch in one transaction. An id already stored is a duplicate, never an error
 * and never a second count; the unique key decides, so concurrent retries are safe too.
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
  const { unique, repeated } = splitBatchDuplicates(responses);
  const now = Date.now();
  const sorted = [...unique].sort((a, b) => (a.id < b.id ? -1 : 1));
  const inserted = await db.tx(async (q) => {
    const ids = await q.insertRows(
      'responses',
      RESPONSE_COLUMNS,
      sorted.map((r) => [
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
      ]),
      { onConflict: 'ON CONFLICT (site_id, id) DO NOTHING', returning: 'id' },
    );
    const fresh = new Set(ids);
    const stored = sorted.filter((r) => fresh.has(r.id));
    const answerRows = stored.flatMap((r) =>
      toAnswerRows(site.id, r, surveys.get(r.surveyId)!, Date.parse(r.createdAt)),
    );
    await q.insertRows('answers', ANSWER_COLUMNS, answerRows, { onConflict: 'ON CONFLICT DO NOTHING' });
    await touchCustomers(
      q,
      site.id,
      stored.map((r) => r.customer),
      now,
    );
    await addToDaily(q, site.id, stored, surveys);
    const opened = await openFollowUps(q, site.id, site.followUpRule, stored, surveys, now);
    await appendLiveEvents(q, db.dialect.name, toLiveEvents(site.id, stored, opened, now));
    await enqueueWebhookEvent(q, site.id, 'response.created', stored);
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
    return fresh;
  });
  return toIngestResult(unique, repeated, inserted);
}
