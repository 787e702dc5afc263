const newer = 'excluded.latest_at >= customer_scores.latest_at';
// A later answer becomes the latest and pushes the old latest to previous; an earlier one that
// arrives late can only become the previous, if it is newer than the previous held.
export const LATEST_SCORE_UPSERT = `ON CONFLICT (site_id, customer_id, qtype) DO UPDATE SET
  prev = CASE WHEN ${newer} THEN customer_scores.latest
              WHEN customer_scores.prev_at IS NULL OR excluded.latest_at > customer_scores.prev_at THEN excluded.latest
              ELSE customer_scores.prev END,
  prev_at = CASE WHEN ${newer} THEN customer_scores.latest_at
                 WHEN customer_scores.prev_at IS NULL OR excluded.latest_at > customer_scores.prev_at THEN excluded.latest_at
                 ELSE customer_scores.prev_at END,
  latest = CASE WHEN ${newer} THEN excluded.latest ELSE customer_scores.latest END,
  latest_at = CASE WHEN ${newer} THEN excluded.latest_at ELSE customer_scores.latest_at END`;
