import type { SurveyResponse } from '@moments/shared';
import { stringify } from 'csv-stringify/sync';
import type { Db } from '../db/index.js';
import { type AnswerRow, toValue } from '../responses/list-responses.js';
import { buildResponseWhere, type CheckedResponseFilter } from '../responses/response-filter.js';

const PAGE = 1000;
const FIXED = [
  'id',
  'surveyId',
  'createdAt',
  'moment',
  'customerId',
  'customerEmail',
  'anonymousId',
  'agent',
  'team',
  'ticketId',
  'locale',
];

type ExportFilter = CheckedResponseFilter;

/** Pages through a site's responses in (created_at, id) order, one page of rows at a time. */
async function* pageResponses(db: Db, siteId: string, f: ExportFilter): AsyncGenerator<SurveyResponse[]> {
  const { where, params } = buildResponseWhere(db.dialect, siteId, f);
  let after: [number, string] | undefined;
  for (;;) {
    const keyset = after ? ' AND (r.created_at > ? OR (r.created_at = ? AND r.id > ?))' : '';
    const rows = await db.all<{ id: string; created_at: number; body: string; complete: number | boolean }>(
      `SELECT r.id, r.created_at, r.body, r.complete FROM responses r WHERE ${where}${keyset} ORDER BY r.created_at, r.id LIMIT ${PAGE}`,
      after ? [...params, after[0], after[0], after[1]] : params,
    );
    if (!rows.length) return;
    yield withStoredAnswers(db, siteId, rows);
    const last = rows[rows.length - 1]!;
    after = [last.created_at, last.id];
    if (rows.length < PAGE) return;
  }
}

/**
 * The responses as sent first (their body), with every answer stored for them since, as stored:
 * a partial response's later answers join it, and its completion is the stored one.
 */
async function withStoredAnswers(
  db: Db,
  siteId: string,
  rows: { id: string; body: string; complete: number | boolean }[],
): Promise<SurveyResponse[]> {
  const answers = await db.all<AnswerRow>(
    `SELECT response_id, question_id, qtype, value_num, value_text FROM answers
     WHERE site_id = ? AND ${db.dialect.inJsonArray('response_id')} ORDER BY response_id, question_id`,
    [siteId, JSON.stringify(rows.map((r) => r.id))],
  );
  const byResponse = new Map<string, AnswerRow[]>();
  for (const a of answers) byResponse.set(a.response_id, [...(byResponse.get(a.response_id) ?? []), a]);
  return rows.map((row) => {
    const body = JSON.parse(row.body) as SurveyResponse;
    const stored = byResponse.get(row.id) ?? [];
    // The first send's order, then answers added later.
    const sent = body.answers.map((a) => a.questionId);
    const pos = (id: string) => (sent.includes(id) ? sent.indexOf(id) : sent.length);
    return {
      ...body,
      answers: [...stored]
        .sort((a, b) => pos(a.question_id) - pos(b.question_id))
        .map((a) => ({ questionId: a.question_id, value: toValue(a) })),
      complete: !!row.complete,
    };
  });
}

/**
 * A cell a spreadsheet will not run: one starting with `=`, `+`, `-`, `@`, tab or CR is read as a
 * formula by Excel, LibreOffice and Sheets, so it gets a leading `'` (OWASP's CSV injection advice).
 */
export function neutraliseCsvCell(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function toCsvRecord(r: SurveyResponse, questionIds: string[]): string[] {
  const byQuestion = new Map(
    r.answers.map((a) => [a.questionId, Array.isArray(a.value) ? a.value.join('|') : String(a.value)]),
  );
  const cells = [
    r.id,
    r.surveyId,
    r.createdAt,
    r.moment,
    r.customer?.id ?? '',
    r.customer?.email ?? '',
    r.anonymousId,
    r.context?.agent ?? '',
    r.context?.team ?? '',
    r.context?.ticketId ?? '',
    r.locale ?? '',
    ...questionIds.map((q) => byQuestion.get(q) ?? ''),
  ];
  return cells.map(neutraliseCsvCell);
}

/** The export as a stream of NDJSON lines or CSV rows (one column per question id). */
export function streamResponses(
  db: Db,
  siteId: string,
  f: ExportFilter,
  format: 'ndjson' | 'csv',
  questionIds: string[],
) {
  const pages = pageResponses(db, siteId, f);
  const encoder = new TextEncoder();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (format === 'csv' && !headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(stringify([[...FIXED, ...questionIds]])));
      }
      const next = await pages.next();
      if (next.done) return controller.close();
      const text =
        format === 'csv'
          ? stringify(next.value.map((r) => toCsvRecord(r, questionIds)))
          : next.value.map((r) => `${JSON.stringify(r)}\n`).join('');
      controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
}
