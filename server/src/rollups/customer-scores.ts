import type { Queryable } from '../db/index.js';

type Score = { customerId: string; qtype: string; value: number; at: number };

const newer = 'excluded.latest_at >= customer_scores.latest_at';
// A later answer becomes the latest and pushes the old latest to previous; an earlier one that
// arrives late can only become the previous, if it is newer than the previous held.
const UPSERT = `ON CONFLICT (site_id, customer_id, qtype) DO UPDATE SET
  prev = CASE WHEN ${newer} THEN customer_scores.latest
              WHEN customer_scores.prev_at IS NULL OR excluded.latest_at > customer_scores.prev_at THEN excluded.latest
              ELSE customer_scores.prev END,
  prev_at = CASE WHEN ${newer} THEN customer_scores.latest_at
                 WHEN customer_scores.prev_at IS NULL OR excluded.latest_at > customer_scores.prev_at THEN excluded.latest_at
                 ELSE customer_scores.prev_at END,
  latest = CASE WHEN ${newer} THEN excluded.latest ELSE customer_scores.latest END,
  latest_at = CASE WHEN ${newer} THEN excluded.latest_at ELSE customer_scores.latest_at END`;

/** Records customers' scores as their latest (and previous) per metric, oldest first. */
export async function recordCustomerScores(q: Queryable, siteId: string, scores: Score[]) {
  // One statement may touch a row once (PostgreSQL): several scores of one customer go in rounds.
  const rounds: Score[][] = [];
  const seen = new Map<string, number>();
  for (const s of [...scores].sort((a, b) => a.at - b.at || (a.customerId < b.customerId ? -1 : 1))) {
    const key = `${s.customerId}\u0000${s.qtype}`;
    const round = seen.get(key) ?? 0;
    seen.set(key, round + 1);
    if (!rounds[round]) rounds[round] = [];
    rounds[round].push(s);
  }
  for (const round of rounds) {
    await q.insertRows(
      'customer_scores',
      ['site_id', 'customer_id', 'qtype', 'latest', 'latest_at'],
      round.map((s) => [siteId, s.customerId, s.qtype, s.value, s.at]),
      { onConflict: UPSERT },
    );
  }
}
