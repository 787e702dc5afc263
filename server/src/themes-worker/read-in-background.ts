import type { Db } from '../db/index.js';
import type { TextReader } from '../reports/read-text.js';
import { READING_VERSION, readComments } from '../reports/themes.js';

const BATCH = 200;
/** Comments newer than this are read ahead; older ones are read when a report first asks. */
const WINDOW_MS = 30 * 86_400_000;
const DEBOUNCE_MS = 200;

/**
 * Reads new comments in the background after they are stored, so a themes report finds them read:
 * `schedule(siteId)` after an ingest; the reading runs shortly after, off the event loop when
 * `read` is the worker reader, one site at a time.
 */
export function startBackgroundReading(db: Db, read: TextReader) {
  const due = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  async function readSite(siteId: string) {
    for (;;) {
      const rows = await db.all<{ response_id: string; question_id: string; value_text: string }>(
        `SELECT a.response_id, a.question_id, a.value_text FROM answers a
         WHERE a.site_id = ? AND a.qtype = 'text' AND a.created_at >= ? AND a.value_text IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM text_readings r WHERE r.site_id = a.site_id
             AND r.response_id = a.response_id AND r.question_id = a.question_id AND r.version = ?)
         ORDER BY a.created_at DESC LIMIT ${BATCH}`,
        [siteId, Date.now() - WINDOW_MS, READING_VERSION],
      );
      if (!rows.length || stopped) return;
      await readComments(
        db,
        siteId,
        rows.map((r) => ({ ...r, phrases: null, sentiment: null })),
        read,
      );
      if (rows.length < BATCH) return;
    }
  }

  const run = () => {
    timer = undefined;
    running ??= (async () => {
      while (due.size && !stopped) {
        const siteId = due.values().next().value!;
        due.delete(siteId);
        await readSite(siteId).catch((err) => console.error('reading comments failed', err));
      }
    })().finally(() => {
      running = undefined;
      if (due.size && !stopped) timer = setTimeout(run, DEBOUNCE_MS);
    });
  };

  return {
    schedule(siteId: string) {
      if (stopped) return;
      due.add(siteId);
      timer ??= setTimeout(run, DEBOUNCE_MS);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
