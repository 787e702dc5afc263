import type { Survey, SurveyResponse } from '@moments/shared';
import type { Db } from '../db/index.js';
import { isDatabaseReady } from '../db/ready.js';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import { findSiteById, type SiteRecord } from '../sites/queries.js';
import { findSurveysForIngest } from '../surveys/queries.js';
import { checkResponses } from './check-answers.js';
import { writeResponses } from './save-responses.js';

/** Most waiting responses one fold writes (one transaction per site among them). */
const FOLD_CHUNK = 1000;
/**
 * While requests keep arriving, the fold rests this many times as long as its last chunk took, and
 * at least REST_MS, so what arrives meanwhile is folded together (a fold's fixed cost, a dozen
 * statements, is shared by more responses); with nothing arriving it folds on at once.
 */
const REST_FACTOR = 2;
const REST_MS = 20;

/**
 * SQLite's ingest inbox. A new response (an id the site has neither stored nor waiting) is
 * committed as one raw row at the 202 — what must not be lost, in the group commit every write
 * shares — and folded shortly after, in the background, by the same `writeResponses` every other
 * write runs: answers, rollups, scores, history, follow-ups, webhooks and live events, in one
 * transaction that also deletes the rows it folded, so a response is folded once whatever fails or
 * restarts. Anything that reads or changes what a fold writes waits for the responses accepted
 * before it (`drain`: every authenticated request does, and a resend of a waiting response), so
 * reports stay equal to the raw answers. While requests keep arriving, the fold takes about a third
 * of the time and the answers the rest; past `maxBacklog` waiting responses, a request waits for
 * the fold to bring it back under.
 */
export type Inbox = {
  /** Commits the responses whose id is new to the site; answers the ids it committed. */
  accept: (site: SiteRecord, responses: SurveyResponse[]) => Promise<Set<string>>;
  /** Resolves once every response accepted before the call is folded. */
  drain: () => Promise<void>;
  /** Lets a fold under way finish, and starts no other (before the database closes). */
  stop: () => Promise<void>;
};

type InboxRow = { seq: number; site_id: string; received_at: number; body: string };

/**
 * Keeps only answers the response's survey still takes: a survey edited between the 202 and the
 * fold (a question dropped, a range narrowed) must not stall the fold for good. Said on stderr,
 * as the widget does when it resumes a survey that changed.
 */
function fitToSurveys(responses: SurveyResponse[], surveys: Map<string, Survey>): SurveyResponse[] {
  const issues = checkResponses(responses, surveys);
  if (!issues.length) return responses;
  console.error(
    `inbox: ${issues.length} answer(s) no longer fit their edited survey and were left out`,
    issues,
  );
  const bad = new Set(issues.map((i) => i.path.split('.').slice(0, 4).join('.')));
  return responses.flatMap((r, i) =>
    surveys.has(r.surveyId)
      ? [{ ...r, answers: r.answers.filter((_, j) => !bad.has(`responses.${i}.answers.${j}`)) }]
      : [],
  );
}

export async function createInbox(
  db: Db,
  opts: {
    maxBacklog: number;
    onFolded?: (siteId: string) => void;
    /** False: nothing folds but a drain or a full inbox (tests hold responses waiting). */
    foldInBackground?: boolean;
  },
): Promise<Inbox> {
  let backlog =
    (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM response_inbox WHERE error IS NULL'))?.n ?? 0;
  let acceptedSinceFold = 0;
  let looping = false;
  let stopped = false;
  // One fold at a time in this process (another process on the file may fold too: a response folded
  // twice is stored once, the fold being the idempotent write of any resend).
  let turn: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = turn.then(fn, fn);
    turn = run.catch(() => undefined);
    return run;
  };

  /** Folds up to a chunk of the oldest waiting responses (up to `upTo`); answers how many it read. */
  async function foldOnce(upTo = Number.MAX_SAFE_INTEGER): Promise<number> {
    const rows = await db.all<InboxRow>(
      'SELECT seq, site_id, received_at, body FROM response_inbox WHERE seq <= ? AND error IS NULL ORDER BY seq LIMIT ?',
      [upTo, FOLD_CHUNK],
    );
    if (!rows.length) return 0;
    const bySite = new Map<string, InboxRow[]>();
    for (const r of rows) {
      const of = bySite.get(r.site_id);
      if (of) of.push(r);
      else bySite.set(r.site_id, [r]);
    }
    await Promise.all([...bySite].map(([siteId, siteRows]) => foldOrSetAside(siteId, siteRows)));
    backlog = Math.max(0, backlog - rows.length);
    return rows.length;
  }

  /**
   * A chunk that fails is folded a response at a time, while the database answers: one that fails
   * alone, for a reason of its own (not the database being busy, full or failing), is set aside
   * with its error (kept, said on stderr, never folded by itself again) rather than stall every
   * read behind it. A failure of the database leaves the rows for the next fold.
   */
  async function foldOrSetAside(siteId: string, rows: InboxRow[]) {
    try {
      await foldSite(siteId, rows);
    } catch (err) {
      if (isDatabaseUnavailable(err) || !(await isDatabaseReady(db))) throw err;
      for (const row of rows) {
        await foldSite(siteId, [row]).catch(async (alone: unknown) => {
          if (isDatabaseUnavailable(alone)) throw alone;
          console.error(`inbox: response ${row.seq} of site ${siteId} set aside, it does not fold`, alone);
          await db.run('UPDATE response_inbox SET error = ? WHERE seq = ?', [String(alone), row.seq]);
        });
      }
    }
  }

  async function foldSite(siteId: string, rows: InboxRow[]) {
    const seqs = JSON.stringify(rows.map((r) => r.seq));
    const remove = async (q: Pick<Db, 'run'>) => {
      // By the primary key alone: with `site_id = ?` SQLite walked the site's waiting rows instead.
      await q.run(`DELETE FROM response_inbox WHERE ${db.dialect.inJsonArray('seq')}`, [seqs]);
    };
    const site = await findSiteById(db, siteId);
    if (!site) {
      // The site was deleted with everything it stored.
      await remove(db);
      return;
    }
    const sent = rows.map((r) => JSON.parse(r.body) as SurveyResponse);
    const surveys = await findSurveysForIngest(
      db,
      siteId,
      sent.map((r) => r.surveyId),
    );
    const receivedAt = new Map(rows.map((r, i) => [sent[i]!.id, r.received_at]));
    const result = await writeResponses(db, site, fitToSurveys(sent, surveys), surveys, {
      receivedAt,
      alsoWrite: remove,
    });
    if (result.accepted.length) opts.onFolded?.(siteId);
  }

  /** Folds in the background until nothing waits, resting between chunks while requests arrive. */
  function wake() {
    if (looping || stopped || opts.foldInBackground === false) return;
    looping = true;
    setImmediate(async () => {
      try {
        for (;;) {
          acceptedSinceFold = 0;
          const started = performance.now();
          if (stopped || !(await exclusive(() => foldOnce()))) break;
          const rest = acceptedSinceFold ? Math.max(REST_MS, (performance.now() - started) * REST_FACTOR) : 0;
          await new Promise((r) => (rest ? setTimeout(r, rest) : setImmediate(r)));
        }
      } catch (err) {
        // The rows stay; the next accept or drain tries again.
        console.error('inbox: fold failed', err);
      } finally {
        looping = false;
      }
    });
  }
  if (backlog) wake();

  const inbox: Inbox = {
    accept: async (site, responses) => {
      const now = Date.now();
      const inserted = await db.tx(async (q) => {
        const stored = await q.all<{ id: string }>(
          `SELECT id FROM responses WHERE site_id = ? AND ${db.dialect.inJsonArray('id')}`,
          [site.id, JSON.stringify(responses.map((r) => r.id))],
        );
        const known = new Set(stored.map((r) => r.id));
        return q.insertRows(
          'response_inbox',
          ['site_id', 'id', 'survey_id', 'customer_id', 'created_at', 'received_at', 'body'],
          responses
            .filter((r) => !known.has(r.id))
            .map((r) => [
              site.id,
              r.id,
              r.surveyId,
              r.customer?.id ?? null,
              Date.parse(r.createdAt),
              now,
              JSON.stringify(r),
            ]),
          { onConflict: 'ON CONFLICT (site_id, id) DO NOTHING', returning: 'id' },
        );
      });
      backlog += inserted.length;
      acceptedSinceFold += inserted.length;
      wake();
      // Committed either way: a fold failing here leaves the rows for the next, not a 5xx.
      try {
        while (backlog > opts.maxBacklog && !stopped && (await exclusive(() => foldOnce()))) {}
      } catch (err) {
        console.error('inbox: fold failed', err);
      }
      return new Set(inserted);
    },
    drain: async () => {
      const top = (await db.get<{ top: number | null }>('SELECT MAX(seq) AS top FROM response_inbox'))?.top;
      if (top == null) return;
      await exclusive(async () => {
        while (await foldOnce(top)) {}
      });
    },
    stop: async () => {
      stopped = true;
      await turn;
    },
  };
  return inbox;
}
