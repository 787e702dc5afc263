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

export async function updateSurvey(db: Db, id: string, s: SurveyUpdate): Promise<void> {
  await db.run('UPDATE surveys SET status = ?, moment = ?, body = ?, updated_at = ? WHERE id = ?', [
    s.status,
    s.moment,
    JSON.stringify(s),
    Date.now(),
    id,
  ]);
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
