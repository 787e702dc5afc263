import type { Survey, SurveyCreate, SurveyUpdate } from '@moments/shared';
import type { Db, Queryable } from '../db/index.js';

type SurveyRow = { id: string; site_id: string; body: string; created_at: number; updated_at: number };
type SurveyBody = Omit<Survey, 'id' | 'siteId' | 'createdAt' | 'updatedAt'>;

function toSurvey(r: SurveyRow): Survey {
  return {
    id: r.id,
    siteId: r.site_id,
    ...(JSON.parse(r.body) as SurveyBody),
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** Inserts a survey; false when the id is taken (by any survey, deleted ones too). */
export async function insertSurvey(db: Db, siteId: string, id: string, s: SurveyCreate): Promise<boolean> {
  const { id: _id, ...body } = s;
  const now = Date.now();
  const r = await db.run(
    `INSERT INTO surveys (id, site_id, status, moment, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO NOTHING`,
    [id, siteId, body.status, body.moment, JSON.stringify(body), now, now],
  );
  return r.changes > 0;
}

/** A question's words and its options' labels: what an edit may change under past answers. */
const wordingOf = (q: SurveyBody['questions'][number]) =>
  JSON.stringify([q.text, 'options' in q ? (q.options ?? []).map((o) => [o.id, o.label]) : []]);

/**
 * Replaces a survey. When the edit changes the words of a question it asked before (or drops it),
 * the body it replaces is kept as a version valid until now: past answers are shown under the words
 * they answered (`findSurveyVersions`).
 */
export async function updateSurvey(db: Db, id: string, s: SurveyUpdate): Promise<void> {
  const now = Date.now();
  await db.tx(async (q) => {
    const old = await q.get<{ site_id: string; body: string }>(
      'SELECT site_id, body FROM surveys WHERE id = ?',
      [id],
    );
    const reworded =
      old &&
      (JSON.parse(old.body) as SurveyBody).questions.some((was) => {
        const today = s.questions.find((x) => x.id === was.id);
        return !today || wordingOf(today) !== wordingOf(was);
      });
    if (old && reworded)
      await q.run(
        'INSERT INTO survey_versions (survey_id, site_id, body, valid_to) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
        [id, old.site_id, old.body, now],
      );
    await q.run('UPDATE surveys SET status = ?, moment = ?, body = ?, updated_at = ? WHERE id = ?', [
      s.status,
      s.moment,
      JSON.stringify(s),
      now,
      id,
    ]);
  });
}

/** A survey's earlier wordings, oldest first: each was asked until `validTo` (ms). */
export type SurveyVersion = { validTo: number; body: SurveyBody };

/** The earlier wordings of a site's surveys, by survey id, oldest first. */
export async function findSurveyVersions(db: Db, siteId: string): Promise<Map<string, SurveyVersion[]>> {
  const rows = await db.all<{ survey_id: string; body: string; valid_to: number | string }>(
    'SELECT survey_id, body, valid_to FROM survey_versions WHERE site_id = ? ORDER BY survey_id, valid_to',
    [siteId],
  );
  const out = new Map<string, SurveyVersion[]>();
  for (const r of rows) {
    const list = out.get(r.survey_id) ?? [];
    list.push({ validTo: Number(r.valid_to), body: JSON.parse(r.body) as SurveyBody });
    out.set(r.survey_id, list);
  }
  return out;
}

/** A survey that is not deleted. */
export async function findSurvey(db: Db, id: string): Promise<Survey | undefined> {
  const r = await db.get<SurveyRow>('SELECT * FROM surveys WHERE id = ? AND deleted_at IS NULL', [id]);
  return r && toSurvey(r);
}

/** Surveys of a site by id, deleted ones included: answers queued before a delete still count. */
export async function findSurveysForIngest(
  q: Queryable,
  siteId: string,
  ids: string[],
): Promise<Map<string, Survey>> {
  const unique = [...new Set(ids)];
  const rows = await q.all<SurveyRow>(
    `SELECT * FROM surveys WHERE site_id = ? AND id IN (${unique.map(() => '?').join(', ')})`,
    [siteId, ...unique],
  );
  return new Map(rows.map((r) => [r.id, toSurvey(r)]));
}

export async function listSurveys(
  db: Db,
  siteId: string,
  opts: { activeOnly?: boolean } = {},
): Promise<Survey[]> {
  const rows = await db.all<SurveyRow>(
    `SELECT * FROM surveys WHERE site_id = ? AND deleted_at IS NULL ${opts.activeOnly ? "AND status = 'active'" : ''}
     ORDER BY created_at, id`,
    [siteId],
  );
  return rows.map(toSurvey);
}

export async function softDeleteSurvey(db: Db, id: string): Promise<boolean> {
  const r = await db.run('UPDATE surveys SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL', [
    Date.now(),
    id,
  ]);
  return r.changes > 0;
}

/** Every question id of a site's surveys (or one survey), deleted ones too, in survey order. */
export async function listAllQuestionIds(db: Db, siteId: string, surveyId?: string): Promise<string[]> {
  const rows = await db.all<SurveyRow>(
    `SELECT * FROM surveys WHERE site_id = ? ${surveyId ? 'AND id = ?' : ''} ORDER BY created_at, id`,
    surveyId ? [siteId, surveyId] : [siteId],
  );
  const ids = new Set<string>();
  for (const r of rows) for (const q of toSurvey(r).questions) ids.add(q.id);
  return [...ids];
}
