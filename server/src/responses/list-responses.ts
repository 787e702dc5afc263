import { encodeCursor, type ListedResponse, type ResponseList } from '@moments/shared';
import { inList } from '../db/in-list.js';
import type { Db, SqlValue } from '../db/index.js';
import { findSurveyVersions, type SurveyVersion } from '../surveys/queries.js';
import { buildResponseWhere, type CheckedResponseFilter, filtersAnswers } from './response-filter.js';

type ResponseRow = {
  id: string;
  survey_id: string;
  moment: string;
  created_at: number;
  customer_id: string | null;
  anonymous_id: string;
  agent: string | null;
  team: string | null;
  ticket_id: string | null;
  complete: number | boolean;
  email: string | null;
  name: string | null;
  followup_id: string | null;
  followup_status: string | null;
};
export type AnswerRow = {
  response_id: string;
  question_id: string;
  qtype: string;
  value_num: number | null;
  value_text: string | null;
};
type SurveyInfo = {
  name: string;
  questions: { id: string; text: string; options?: { id: string; label: string }[] }[];
};

/** The wording a response was asked in: the first earlier version valid past its time, else today's. */
function askedIn(
  versions: SurveyVersion[] | undefined,
  at: number,
  survey: SurveyInfo | undefined,
): SurveyInfo | undefined {
  return (versions?.find((v) => v.validTo > at)?.body as SurveyInfo | undefined) ?? survey;
}

export function toValue(a: AnswerRow): ListedResponse['answers'][number]['value'] {
  if (a.value_num != null) return a.value_num;
  // Choice answers with several options are stored as a JSON array.
  if (a.qtype === 'choice' && a.value_text?.startsWith('[')) return JSON.parse(a.value_text) as string[];
  return a.value_text ?? '';
}

/**
 * Questions in the order the survey asks them, then any the survey no longer has; each with the
 * words it has now and the words the response answered (`asked`: the version of its time).
 */
function orderAnswers(
  answers: AnswerRow[],
  survey: SurveyInfo | undefined,
  asked: SurveyInfo | undefined,
): ListedResponse['answers'] {
  const pos = (id: string) => {
    const i = survey?.questions.findIndex((q) => q.id === id) ?? -1;
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return [...answers]
    .sort((a, b) => pos(a.question_id) - pos(b.question_id))
    .map((a) => ({
      questionId: a.question_id,
      type: a.qtype,
      question: survey?.questions.find((q) => q.id === a.question_id)?.text ?? null,
      value: toValue(a),
      ...askedWording(asked?.questions.find((q) => q.id === a.question_id)),
    }));
}

/** What a question said when it was answered: its words, and a choice's option labels. */
function askedWording(q: SurveyInfo['questions'][number] | undefined) {
  return {
    askedAs: q?.text ?? null,
    askedOptions: q?.options ? Object.fromEntries(q.options.map((o) => [o.id, o.label])) : null,
  };
}

async function loadSurveyInfo(db: Db, siteId: string): Promise<Map<string, SurveyInfo>> {
  const rows = await db.all<{ id: string; body: string }>('SELECT id, body FROM surveys WHERE site_id = ?', [
    siteId,
  ]);
  return new Map(rows.map((r) => [r.id, JSON.parse(r.body) as SurveyInfo]));
}

/** How many rows a filtered list walks, checking each row's answers, before it reads the matching set. */
const WALK_ROWS = 20_000;

/**
 * Rows older than a keyset position; and rows at it or newer. The time is also a plain range, so
 * either planner bounds its index walk by it (an OR alone is a filter: PostgreSQL would walk on).
 */
const OLDER = ' AND r.created_at <= ? AND (r.created_at < ? OR r.id < ?)';
const NOT_OLDER = ' AND r.created_at >= ? AND (r.created_at > ? OR r.id >= ?)';

/**
 * One page of a site's responses, newest first, with their answers, customer and follow-up.
 * Keyset paging on (created_at, id): the index responses_site_time walks backwards from the
 * cursor, so page 1,000 costs what page 1 does. A filter on the answers (band, comment, words) is
 * checked row by row for the next WALK_ROWS rows, where common matches fill a page at once; what
 * the page still lacks is read from the set of matching answers, so a rare word costs a read of the
 * period's comments, not a seek for each of a million rows.
 */
export async function listResponses(
  db: Db,
  siteId: string,
  f: CheckedResponseFilter & { cursor?: { key: number; id: string }; limit: number; withTotal?: boolean },
  walkRows = WALK_ROWS,
): Promise<ResponseList> {
  const keyset: SqlValue[] = f.cursor ? [f.cursor.key, f.cursor.key, f.cursor.id] : [];
  const after = f.cursor ? OLDER : '';
  const select = (where: string, params: SqlValue[], limit: number) =>
    db.all<ResponseRow>(
      `SELECT r.id, r.survey_id, r.moment, r.created_at, r.customer_id, r.anonymous_id, r.agent, r.team,
         r.ticket_id, r.complete, c.email, c.name, fu.id AS followup_id, fu.status AS followup_status
       FROM responses r
       LEFT JOIN customers c ON c.site_id = r.site_id AND c.id = r.customer_id
       LEFT JOIN followups fu ON fu.site_id = r.site_id AND fu.response_id = r.id
       WHERE ${where}
       ORDER BY r.created_at DESC, r.id DESC LIMIT ${limit}`,
      params,
    );
  let rows: ResponseRow[];
  if (!filtersAnswers(f)) {
    const { where, params } = buildResponseWhere(db.dialect, siteId, f);
    rows = await select(`${where}${after}`, [...params, ...keyset], f.limit + 1);
  } else {
    // Where a walk of WALK_ROWS of the period's rows from the cursor ends (on the time index alone).
    const period = buildResponseWhere(db.dialect, siteId, { from: f.from, to: f.to });
    const edge = await db.get<{ created_at: number; id: string }>(
      `SELECT r.created_at, r.id FROM responses r WHERE ${period.where}${after}
       ORDER BY r.created_at DESC, r.id DESC LIMIT 1 OFFSET ${walkRows - 1}`,
      [...period.params, ...keyset],
    );
    const edgeKey: SqlValue[] = edge ? [edge.created_at, edge.created_at, edge.id] : [];
    const seek = buildResponseWhere(db.dialect, siteId, f, 'seek');
    rows = await select(
      `${seek.where}${after}${edge ? NOT_OLDER : ''}`,
      [...seek.params, ...keyset, ...edgeKey],
      f.limit + 1,
    );
    if (edge && rows.length <= f.limit) {
      const set = buildResponseWhere(db.dialect, siteId, f, 'set');
      rows = rows.concat(
        await select(`${set.where}${OLDER}`, [...set.params, ...edgeKey], f.limit + 1 - rows.length),
      );
    }
  }
  const page = rows.slice(0, f.limit);
  const [answers, surveys, total, versions] = await Promise.all([
    page.length
      ? (() => {
          const ids = inList(
            db.dialect,
            page.map((r) => r.id),
          );
          return db.all<AnswerRow>(
            `SELECT response_id, question_id, qtype, value_num, value_text FROM answers
             WHERE site_id = ? AND response_id IN ${ids.sql}`,
            [siteId, ...ids.params],
          );
        })()
      : Promise.resolve([]),
    loadSurveyInfo(db, siteId),
    // Counted when asked only: a count reads every match, a page only its own rows.
    f.withTotal ? countResponses(db, siteId, f) : Promise.resolve(null),
    findSurveyVersions(db, siteId),
  ]);
  const byResponse = new Map<string, AnswerRow[]>();
  for (const a of answers) byResponse.set(a.response_id, [...(byResponse.get(a.response_id) ?? []), a]);
  const last = page.at(-1);
  return {
    responses: page.map((r) => {
      const survey = surveys.get(r.survey_id);
      return {
        id: r.id,
        surveyId: r.survey_id,
        surveyName: survey?.name ?? null,
        moment: r.moment,
        createdAt: new Date(r.created_at).toISOString(),
        complete: r.complete === 1 || r.complete === true,
        customer: r.customer_id ? { id: r.customer_id, email: r.email, name: r.name } : null,
        anonymousId: r.anonymous_id,
        agent: r.agent,
        team: r.team,
        ticketId: r.ticket_id,
        answers: orderAnswers(
          byResponse.get(r.id) ?? [],
          survey,
          askedIn(versions.get(r.survey_id), r.created_at, survey),
        ),
        followUp: r.followup_id ? { id: r.followup_id, status: r.followup_status! } : null,
      };
    }),
    nextCursor: rows.length > f.limit && last ? encodeCursor(last.created_at, last.id) : null,
    total,
  };
}

/**
 * How many responses a filter keeps in all. A filter on the answers reads the set of matching
 * answers of the period (their own index), as a list's page does once its walk ends; for one
 * customer, each of their responses is checked instead (fewer than the period's answers).
 */
export async function countResponses(db: Db, siteId: string, f: CheckedResponseFilter): Promise<number> {
  const check = filtersAnswers(f) && !f.customer ? 'set' : 'exists';
  const { where, params } = buildResponseWhere(db.dialect, siteId, f, check);
  const row = await db.get<{ n: number | string }>(
    `SELECT COUNT(*) AS n FROM responses r WHERE ${where}`,
    params,
  );
  return Number(row?.n ?? 0);
}
