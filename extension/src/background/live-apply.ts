import type { Lookup, StreamEvent } from '@moments/shared';

const METRICS = ['nps', 'csat', 'ces'] as const;

/**
 * A customer's last lookup with what the live stream pushed since applied: the server's
 * `summary` (latest scores and risk, computed once there), the answers' text as comments, the
 * new scores in the history and by moment, and follow-ups opened or changed. The worker never
 * asks the server again for an event (see issue: one answer costs the server at most one lookup
 * per stream, and the worker none).
 */
export function applyStreamEvents(lookup: Lookup, events: StreamEvent[]): Lookup {
  const next: Lookup = {
    ...lookup,
    latest: { ...lookup.latest },
    history: [...lookup.history],
    moments: lookup.moments.map((m) => ({ ...m })),
    comments: [...lookup.comments],
    followups: [...lookup.followups],
  };
  const momentOfResponseAt = new Map<string, string>();
  for (const e of events) {
    if (e.type === 'response') {
      const moment = e.moment ?? '';
      momentOfResponseAt.set(e.createdAt, moment);
      // They answered at this moment now, a score or not (a moment reached before, answered now).
      if (moment) {
        const row = next.moments.find((r) => r.moment === moment);
        if (row) {
          row.answered = true;
          if (e.createdAt > row.at) row.at = e.createdAt;
        } else
          next.moments.unshift({
            moment,
            nps: null,
            csat: null,
            ces: null,
            at: e.createdAt,
            answered: true,
            reachedAt: null,
          });
      }
      const texts = e.answers.filter((a) => typeof a.value === 'string' && a.value.trim());
      // Newest first, as the server lists them.
      for (const a of texts)
        next.comments.unshift({ text: a.value as string, at: e.createdAt, surveyId: e.surveyId, moment });
    } else if (e.type === 'summary') {
      for (const m of METRICS) {
        const was = next.latest[m];
        const now = e.latest[m];
        if (now && (!was || was.at !== now.at || was.value !== now.value)) {
          const moment = momentOfResponseAt.get(now.at) ?? '';
          next.history.push({ metric: m, value: now.value, at: now.at, moment });
          if (moment) {
            const row = next.moments.find((r) => r.moment === moment);
            if (row) Object.assign(row, { [m]: now.value, at: now.at, answered: true });
            else
              next.moments.push({
                moment,
                nps: null,
                csat: null,
                ces: null,
                [m]: now.value,
                at: now.at,
                answered: true,
                reachedAt: null,
              });
          }
        }
      }
      next.latest = e.latest;
      next.risk = e.risk;
    } else {
      const rest = next.followups.filter((f) => f.id !== e.id);
      next.followups =
        e.status === 'resolved'
          ? rest
          : [
              ...rest,
              {
                id: e.id,
                status: e.status,
                reason: e.reason,
                openedAt: e.openedAt,
                assignee: e.assignee ?? null,
                note: e.note ?? null,
              },
            ];
    }
  }
  next.history.sort((a, b) => a.at.localeCompare(b.at));
  return next;
}
