import type { FollowUpRule, IngestResult, Survey, SurveyResponse, WebhookEvent } from '@moments/shared';
import { lockCustomersToWrite, StoredCustomerUnlocked } from '../customers/customer-locks.js';
import type { Db, Dialect, Queryable, SqlValue } from '../db/index.js';
import { ValidationError } from '../domain/errors.js';
import { followUpsOpenedBy, openFollowUps } from '../followups/open-followups.js';
import { appendLiveEventsGuarded } from '../live/live-events.js';
import { foldResponseWrite } from '../rollups/fold-write.js';
import { foldNpsHistory } from '../rollups/nps-history.js';
import type { SiteRecord } from '../sites/queries.js';
import { findSurveysForIngest } from '../surveys/queries.js';
import { enqueueFollowUpsOpened, enqueueGuarded, findHooksByEvent } from '../webhooks/queries.js';
import { checkResponses } from './check-answers.js';
import { type BatchSpec, type WriteScope, writeBatch } from './write-batch.js';

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
/** The answers table's columns (a seed writing rows directly names them in this order). */
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

/**
 * Stores each send's answers to questions its response does not have yet, with the stored
 * response's moment, team, agent, customer and time (so rollups and reports see one response),
 * in one INSERT … SELECT: the first stored answer to a question is kept, a later one ignored (the
 * answers' primary key decides, so concurrent and out-of-order sends agree on every database). An
 * id reused for another survey adds nothing: the join asks for the same survey. Rows go in the
 * batch's id order (it is sorted), so concurrent writers lock in the same order. The ids are
 * named twice so either planner seeks the responses by primary key.
 */
async function insertAnswers(
  q: Queryable,
  d: Dialect,
  w: WriteScope,
  sends: SurveyResponse[],
  surveys: Map<string, Survey>,
) {
  const rows = sends.flatMap((r) => {
    const questions = surveys.get(r.surveyId)!.questions;
    return r.answers.map((a) => {
      const question = questions.find((x) => x.id === a.questionId)!;
      return [
        r.id,
        r.surveyId,
        a.questionId,
        question.type,
        question.type === 'rating' ? (question.driver ?? null) : null,
        typeof a.value === 'number' ? a.value : null,
        typeof a.value === 'string' ? a.value : Array.isArray(a.value) ? JSON.stringify(a.value) : null,
      ];
    });
  });
  if (!rows.length) return;
  await q.run(
    `INSERT INTO answers (site_id, response_id, question_id, survey_id, qtype, driver, value_num, value_text,
       moment, team, agent, customer_id, created_at, write_token)
     SELECT r.site_id, r.id, v.question_id, r.survey_id, v.qtype, v.driver, v.value_num, v.value_text,
       r.moment, r.team, r.agent, r.customer_id, r.created_at, CAST(? AS BIGINT)
     FROM (${d.jsonRows([
       ['response_id', 'text'],
       ['survey_id', 'text'],
       ['question_id', 'text'],
       ['qtype', 'text'],
       ['driver', 'text'],
       ['value_num', 'real'],
       ['value_text', 'text'],
     ])}) v
     CROSS JOIN responses r WHERE r.site_id = ? AND ${d.inJsonArray('r.id')}
       AND r.id = v.response_id AND r.survey_id = v.survey_id
     ON CONFLICT DO NOTHING`,
    [w.token, JSON.stringify(rows), w.siteId, w.ids],
  );
}

/** SQL over payload rows `v`: the write stored the response `v.rid` (it is new). */
const storedNew = (w: WriteScope) => ({
  sql: 'EXISTS (SELECT 1 FROM responses r WHERE r.site_id = ? AND r.id = v.rid AND r.write_token = ?)',
  params: [w.siteId, w.token],
});
/** SQL over payload rows `v`: the write added answers to, or completed, a response stored before. */
const addedToStored = (w: WriteScope) => ({
  sql: `EXISTS (SELECT 1 FROM responses r WHERE r.site_id = ? AND r.id = v.rid
          AND (r.write_token IS NULL OR r.write_token <> ?)
          AND (r.complete_token = ? OR EXISTS (SELECT 1 FROM answers a
                 WHERE a.site_id = r.site_id AND a.response_id = r.id AND a.write_token = ?)))`,
  params: [w.siteId, w.token, w.token, w.token],
});
const either = (a: { sql: string; params: SqlValue[] }, b: { sql: string; params: SqlValue[] }) => ({
  sql: `((v.kind = 'new' AND ${a.sql}) OR (v.kind = 'added' AND ${b.sql}))`,
  params: [...a.params, ...b.params],
});

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

/** What a send may add to a response stored before it, as its payloads tell it (live events, webhooks). */
type Candidate = { kind: 'new' | 'added'; response: SurveyResponse };

/** What was read before the write: the site's webhooks, and the responses the sends may add to. */
type Prepared = { hooks: Map<WebhookEvent, string[]>; candidates: Candidate[] };

/**
 * What each send may add, read before the write: new responses whole, and for responses already
 * stored, the answers they lack and their completion, as the stored response (its moment, time,
 * customer: a send need not name them again). Locked until commit on PostgreSQL, so the payloads
 * tell exactly what the write adds.
 * Which of them are sent is decided in SQL by the write's token (`storedNew`, `addedToStored`).
 */
async function readCandidates(
  q: Queryable,
  d: Dialect,
  siteId: string,
  sends: SurveyResponse[],
  storedLocked: boolean,
): Promise<Candidate[]> {
  const ids = JSON.stringify(sends.map((r) => r.id));
  const stored = await q.all<StoredResponse>(
    `SELECT id, survey_id, customer_id, moment, team, agent, created_at, complete, body FROM responses
     WHERE site_id = ? AND ${d.inJsonArray('id')} ORDER BY id${d.lockRows}`,
    [siteId, ids],
  );
  // A stored response of a customer the sends do not name (a resend naming no one, or another):
  // that customer must be held before a row of theirs is added, and before the rows just locked
  // (an erasure takes the customer, then their rows), so the write starts again taking it first.
  // Held then, unless a concurrent copy stored one since: that customer is held too.
  const named = new Set(sends.map((r) => r.customer?.id));
  const unnamed = new Set(
    stored.flatMap((r) => (r.customer_id && !named.has(r.customer_id) ? [r.customer_id] : [])),
  );
  if (unnamed.size && d.sharedKeyLocks && !storedLocked) throw new StoredCustomerUnlocked();
  await lockCustomersToWrite(q, d, siteId, [...unnamed]);
  const answered = stored.length
    ? await q.all<{ response_id: string; question_id: string }>(
        `SELECT response_id, question_id FROM answers WHERE site_id = ? AND ${d.inJsonArray('response_id')}`,
        [siteId, JSON.stringify(stored.map((r) => r.id))],
      )
    : [];
  const byId = new Map(stored.map((r) => [r.id, r]));
  const had = new Map<string, Set<string>>();
  for (const a of answered) had.set(a.response_id, (had.get(a.response_id) ?? new Set()).add(a.question_id));
  return sends.flatMap((send): Candidate[] => {
    const row = byId.get(send.id);
    // Not stored yet: new, or (a concurrent copy stored first) adding to that copy.
    if (!row)
      return [
        { kind: 'new', response: send },
        { kind: 'added', response: send },
      ];
    if (send.surveyId !== row.survey_id) return [];
    const answers = send.answers.filter((a) => !had.get(row.id)?.has(a.questionId));
    const completed = send.complete !== false && row.complete === 0;
    if (!answers.length && !completed) return [];
    const body = JSON.parse(row.body) as SurveyResponse;
    return [
      {
        kind: 'added',
        response: {
          ...body,
          moment: row.moment,
          createdAt: new Date(row.created_at).toISOString(),
          customer: row.customer_id ? { ...body.customer, id: row.customer_id } : undefined,
          context: { ...body.context, team: row.team ?? undefined, agent: row.agent ?? undefined },
          answers,
          complete: completed || row.complete === 1,
        },
      },
    ];
  });
}

/** What a write can derive, where it is known: a statement that could add nothing is not run. */
export type WriteHolds = { agents: boolean; customers: boolean; followUps: boolean; resends: boolean };

/**
 * What this write adds, known exactly once the insert told which responses it stored and every
 * send not stored before is one of them (on PostgreSQL a concurrent copy may have stored it first,
 * with another agent or customer; on D1 the insert cannot tell): then the new responses are the
 * sends, and what the others add is the stored response's, as the candidates carry it. Undefined
 * (run everything) otherwise.
 */
function whatWriteHolds(
  w: WriteScope,
  candidates: Candidate[],
  surveys: Map<string, Survey>,
  rule: FollowUpRule,
): WriteHolds | undefined {
  const inserted = w.inserted;
  if (!inserted || candidates.some((c) => c.kind === 'new' && !inserted.has(c.response.id))) return undefined;
  const adds = candidates.filter((c) => (c.kind === 'new') === inserted.has(c.response.id));
  const max: Partial<Record<string, number>> = { nps: rule.npsMax, csat: rule.csatMax, ces: rule.cesMax };
  const opensFollowUp = (r: SurveyResponse) => {
    const questions = surveys.get(r.surveyId)?.questions ?? [];
    return r.answers.some((a) => {
      const limit = max[questions.find((x) => x.id === a.questionId)?.type ?? ''];
      return typeof a.value === 'number' && limit !== undefined && a.value <= limit;
    });
  };
  return {
    agents: adds.some((c) => !!c.response.context?.agent),
    customers: adds.some((c) => !!c.response.customer?.id),
    followUps: adds.some((c) => opensFollowUp(c.response)),
    resends: adds.some((c) => c.kind === 'added'),
  };
}

/** What the agents' live stream hears of a response (only the answers this write stored). */
const livePayload = (r: SurveyResponse) => ({
  responseId: r.id,
  surveyId: r.surveyId,
  moment: r.moment,
  createdAt: r.createdAt,
  answers: r.answers,
  complete: r.complete !== false,
});

/** The surveys a set of batches names, read once (ingest checks and writes against them). */
export const findSurveysOf = (db: Db, site: SiteRecord, batches: SurveyResponse[][]) =>
  findSurveysForIngest(
    db,
    site.id,
    batches.flatMap((b) => b.map((r) => r.surveyId)),
  );

/** Refuses a batch with an answer its survey cannot take (400, nothing stored). */
export function assertResponsesFit(responses: SurveyResponse[], surveys: Map<string, Survey>) {
  const issues = checkResponses(responses, surveys);
  if (issues.length) throw new ValidationError(issues);
}

/** Checks a batch against its surveys and stores it (the demo seed and tests; ingest merges requests first). */
export async function saveResponses(db: Db, site: SiteRecord, responses: SurveyResponse[]) {
  const surveys = await findSurveysOf(db, site, [responses]);
  assertResponsesFit(responses, surveys);
  return writeResponses(db, site, responses, surveys);
}

/**
 * Stores a checked batch in one transaction. A response is new, or adds answers (or its
 * completion) to one stored earlier under the same id; a send that adds nothing is a duplicate,
 * never an error and never a second count. Rollups, follow-ups, live events and webhooks see only
 * what this write added: they are derived in SQL from the rows bearing its token.
 */
export async function writeResponses(
  db: Db,
  site: SiteRecord,
  responses: SurveyResponse[],
  surveys: Map<string, Survey>,
  opts: {
    /** When each response was received, where it was not just now (the inbox's fold). */
    receivedAt?: ReadonlyMap<string, number>;
    alsoWrite?: BatchSpec<SurveyResponse, Prepared>['alsoWrite'];
  } = {},
): Promise<IngestResult> {
  const now = Date.now();
  const d = db.dialect;
  return writeBatch<SurveyResponse, Prepared>(
    db,
    {
      siteId: site.id,
      table: 'responses',
      columns: [...RESPONSE_COLUMNS, 'complete_token'],
      toRow: (r, token) => [
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
        opts.receivedAt?.get(r.id) ?? now,
        JSON.stringify(r),
        r.complete === false ? 0 : 1,
        r.complete === false ? null : token,
      ],
      prepare: async (q, sends, { storedLocked }) => {
        const hooks = await findHooksByEvent(q, site.id);
        return { hooks, candidates: await readCandidates(q, d, site.id, sends, storedLocked) };
      },
      afterWrite: async (q, w, sends, { hooks, candidates }) => {
        const holds = whatWriteHolds(w, candidates, surveys, site.followUpRule);
        await insertAnswers(q, d, w, sends, surveys);
        // A response stored before and completed by this send.
        if (holds?.resends !== false)
          await q.run(
            `UPDATE responses SET complete = 1, complete_token = ?
             WHERE site_id = ? AND ${d.inJsonArray('id')} AND complete = 0`,
            [w.token, w.siteId, JSON.stringify(sends.filter((r) => r.complete !== false).map((r) => r.id))],
          );
        await foldResponseWrite(q, d, w, holds);
        if (holds?.customers !== false) await foldNpsHistory(q, d, w);
        if (holds?.followUps !== false) await openFollowUps(q, d, w, site.followUpRule);
        const opened = holds?.followUps === false ? undefined : followUpsOpenedBy(d, w);
        const toRow = (r: SurveyResponse) => ({ id: r.id, customerId: r.customer?.id ?? null, payload: r });
        await enqueueGuarded(
          q,
          d,
          site.id,
          'response.created',
          hooks.get('response.created') ?? [],
          sends.map(toRow),
          storedNew(w),
          w.now,
        );
        await enqueueGuarded(
          q,
          d,
          site.id,
          'response.updated',
          hooks.get('response.updated') ?? [],
          candidates.filter((c) => c.kind === 'added').map((c) => toRow(c.response)),
          addedToStored(w),
          w.now,
        );
        if (opened) await enqueueFollowUpsOpened(q, d, hooks.get('followup.opened') ?? [], opened, w.now);
        // Last: on PostgreSQL the live log's ordered-append lock is held from here to commit, so
        // writers that name customers queue on it for two inserts, not for the whole transaction.
        await appendLiveEventsGuarded(
          q,
          d,
          site.id,
          candidates
            .filter((c) => c.response.customer && c.response.answers.length)
            .map((c) => ({
              id: c.response.id,
              customerId: c.response.customer!.id,
              kind: c.kind,
              payload: livePayload(c.response),
            })),
          either(storedNew(w), addedToStored(w)),
          holds?.customers === false ? undefined : opened,
          w.now,
        );
      },
      alsoWrite: opts.alsoWrite,
      readChanged: async (db, w) =>
        (
          await db.all<{ id: string }>(
            `SELECT id FROM responses WHERE site_id = ? AND ${d.inJsonArray('id')} AND (write_token = ? OR complete_token = ?)
             UNION SELECT response_id FROM answers WHERE site_id = ? AND ${d.inJsonArray('response_id')} AND write_token = ?`,
            [w.siteId, w.ids, w.token, w.token, w.siteId, w.ids, w.token],
          )
        ).map((r) => r.id),
    },
    responses,
  );
}
