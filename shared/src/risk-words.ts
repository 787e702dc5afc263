// A customer's risk in words, the same in the dashboard and the extension's overlay: a support
// agent and a CX manager looking at one customer read one label.

/**
 * A customer's risk in a word; one who has left is past risk: "Churned". One who never answered
 * shows no risk because nothing is known: "No answers yet", not a reassuring "No risk seen".
 */
export const riskLabel = (
  risk: { level: 'none' | 'watch' | 'high'; reasons: string[] },
  answered = true,
): string =>
  risk.reasons.includes('churned')
    ? 'Churned'
    : risk.level === 'none' && !answered
      ? 'No answers yet'
      : { none: 'No risk seen', watch: 'Watch', high: 'At risk' }[risk.level];

/** Whether a customer has any score on record (their latest NPS, CSAT or CES). */
export const answeredAny = (latest: { nps?: unknown; csat?: unknown; ces?: unknown }): boolean =>
  !!(latest.nps || latest.csat || latest.ces);
