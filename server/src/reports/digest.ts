import { compareScores, getScoreWithError, type Metric } from '@moments/shared';
import type { Db } from '../db/index.js';
import { makeId } from '../domain/crypto.js';
import { escapeHtml } from '../domain/escape-html.js';
import { escapeMarkdownText } from '../domain/escape-markup.js';
import { enqueueGuarded, findHooksByEvent } from '../webhooks/queries.js';
import { getMovers } from './ranking.js';
import { readTextsHere, type TextReader } from './read-text.js';
import { getSummary } from './summary.js';
import { getThemes } from './themes.js';

const DAY_MS = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The week in review: key scores with their change, movers, attention, top themes, follow-ups. */
export async function getDigest(
  db: Db,
  site: { id: string; name: string },
  to?: string,
  readTexts: TextReader = readTextsHere,
) {
  const end = to ? Date.parse(to) + DAY_MS : Math.floor(Date.now() / DAY_MS) * DAY_MS + DAY_MS;
  const week = { from: day(end - 7 * DAY_MS), to: day(end - DAY_MS) };
  const before = { from: day(end - 14 * DAY_MS), to: day(end - 8 * DAY_MS) };
  const [now, prev, movers, themes, followups] = await Promise.all([
    getSummary(db, site.id, week),
    getSummary(db, site.id, before),
    getMovers(db, site.id, { to: week.to, metric: 'nps', by: 'team', interval: 'week', minN: 10 }),
    getThemes(db, site.id, week, readTexts),
    db.get<{ opened: number; resolved: number }>(
      `SELECT SUM(CASE WHEN opened_at >= ? AND opened_at < ? THEN 1 ELSE 0 END) AS opened,
              SUM(CASE WHEN status = 'resolved' AND updated_at >= ? AND updated_at < ? THEN 1 ELSE 0 END) AS resolved
       FROM followups WHERE site_id = ?`,
      [end - 7 * DAY_MS, end, end - 7 * DAY_MS, end, site.id],
    ),
  ]);
  const counts = (s: typeof now, metric: Metric) =>
    metric === 'nps'
      ? {
          n: s.nps.n,
          sum: 0,
          sumSq: 0,
          promoters: s.nps.promoters,
          detractors: s.nps.detractors,
          satisfied: 0,
        }
      : { n: s.csat.n, sum: 0, sumSq: 0, promoters: 0, detractors: 0, satisfied: s.csat.satisfied };
  const change = (metric: 'nps' | 'csat') => {
    const a = getScoreWithError(metric, counts(now, metric));
    const b = getScoreWithError(metric, counts(prev, metric));
    return a && b ? compareScores(a, b) : null;
  };
  return {
    site: site.name,
    week,
    scores: {
      nps: { score: now.nps.score, n: now.nps.n, ci95: now.nps.ci95, change: change('nps') },
      csat: { score: now.csat.score, n: now.csat.n, ci95: now.csat.ci95, change: change('csat') },
      ces: { mean: now.ces.mean, n: now.ces.n, ci95: now.ces.ci95, previous: prev.ces.mean },
      responseRate: now.responseRate.rate,
    },
    improved: movers.improved.slice(0, 3),
    attention: movers.attention,
    themes: themes.themes.slice(0, 5),
    followups: { opened: followups?.opened ?? 0, resolved: followups?.resolved ?? 0 },
    note: movers.note,
  };
}
export type Digest = Awaited<ReturnType<typeof getDigest>>;

const fmt = (x: number | null | undefined, unit = '') =>
  x === null || x === undefined ? '–' : `${x}${unit}`;
const signed = (c: { change: number; significant: boolean } | null) =>
  c
    ? `${c.change > 0 ? '+' : ''}${c.change}${c.significant ? '' : ' (within the noise)'}`
    : 'no earlier week to compare';

/**
 * The digest as Markdown (Slack and e-mail friendly). Everything not made here (site name, group
 * names, themes, customers' quotes) is escaped: a comment cannot ping a channel, link or format.
 */
export function digestToMarkdown(d: Digest): string {
  const e = escapeMarkdownText;
  const group = (g: Digest['improved'][number]) => `- ${e(g.key)}: NPS ${g.score} (${signed(g.change)})`;
  const lines = [
    `# ${e(d.site)}: week of ${d.week.from} to ${d.week.to}`,
    '',
    `- **NPS** ${fmt(d.scores.nps.score)} (n ${d.scores.nps.n}), change ${signed(d.scores.nps.change)}`,
    `- **CSAT** ${fmt(d.scores.csat.score, '%')} (n ${d.scores.csat.n}), change ${signed(d.scores.csat.change)}`,
    `- **CES** ${fmt(d.scores.ces.mean)} (n ${d.scores.ces.n}), last week ${fmt(d.scores.ces.previous)}`,
    `- **Follow-ups** ${d.followups.opened} opened, ${d.followups.resolved} resolved`,
    '',
    '## Most improved',
    ...(d.improved.length ? d.improved.map(group) : ['- none this week']),
    '',
    '## Needs attention',
    ...(d.attention.length ? d.attention.map(group) : ['- nothing fell beyond the noise']),
    '',
    '## What customers keep saying',
    ...(d.themes.length
      ? d.themes.map((t) => `- **${e(t.theme)}** (${t.count}, ${t.tone}): “${e(t.examples[0] ?? '')}”`)
      : ['- no recurring themes']),
    '',
    `_${e(d.note)}_`,
  ];
  return lines.join('\n');
}

/** The digest as a standalone HTML page; every value is escaped. */
export function digestToHtml(d: Digest): string {
  const li = (items: string[]) => `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`;
  const e = escapeHtml;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${e(d.site)} weekly digest</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:680px;margin:24px auto;padding:0 16px;color:#1f2937}h1{font-size:20px}h2{font-size:16px;margin-top:24px}</style></head>
<body><h1>${e(d.site)}: week of ${e(d.week.from)} to ${e(d.week.to)}</h1>
${li([
  `<strong>NPS</strong> ${e(fmt(d.scores.nps.score))} (n ${d.scores.nps.n}), change ${e(signed(d.scores.nps.change))}`,
  `<strong>CSAT</strong> ${e(fmt(d.scores.csat.score, '%'))} (n ${d.scores.csat.n}), change ${e(signed(d.scores.csat.change))}`,
  `<strong>CES</strong> ${e(fmt(d.scores.ces.mean))} (n ${d.scores.ces.n})`,
  `<strong>Follow-ups</strong> ${d.followups.opened} opened, ${d.followups.resolved} resolved`,
])}
<h2>Most improved</h2>${li(d.improved.length ? d.improved.map((g) => `${e(g.key)}: NPS ${g.score} (${e(signed(g.change))})`) : ['none this week'])}
<h2>Needs attention</h2>${li(d.attention.length ? d.attention.map((g) => `${e(g.key)}: NPS ${g.score} (${e(signed(g.change))})`) : ['nothing fell beyond the noise'])}
<h2>What customers keep saying</h2>${li(d.themes.length ? d.themes.map((t) => `<strong>${e(t.theme)}</strong> (${t.count}, ${t.tone}): “${e(t.examples[0] ?? '')}”`) : ['no recurring themes'])}
<p><em>${e(d.note)}</em></p></body></html>`;
}

/**
 * On Mondays from 08:00 UTC, sends last week's digest to every webhook that asked for
 * `digest.weekly`, once per site and week however many instances run (a row in meta claims it).
 */
export async function sendDueDigests(db: Db, now = Date.now()): Promise<number> {
  const date = new Date(now);
  if (date.getUTCDay() !== 1 || date.getUTCHours() < 8) return 0;
  const sunday = day(Math.floor(now / DAY_MS) * DAY_MS - DAY_MS);
  const sites = await db.all<{ id: string; name: string; events: string }>(
    'SELECT s.id, s.name, w.events FROM sites s JOIN webhooks w ON w.site_id = s.id WHERE w.deleted_at IS NULL',
  );
  const wanting = new Map(
    sites.filter((s) => (JSON.parse(s.events) as string[]).includes('digest.weekly')).map((s) => [s.id, s]),
  );
  let sent = 0;
  for (const site of wanting.values()) {
    const digest = await getDigest(db, site, sunday);
    const key = `digest:${site.id}:${sunday}`;
    // Reads first, then only writes (batch-shaped: one D1 batch too). The claim is a meta row with
    // a value of this call's own; the delivery is queued only if that row is the one stored, so
    // however many instances try, one digest goes out.
    const claim = makeId('claim_');
    await db.tx(async (q) => {
      if (await q.get('SELECT key FROM meta WHERE key = ?', [key])) return;
      const hooks = (await findHooksByEvent(q, site.id)).get('digest.weekly') ?? [];
      await q.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING', [key, claim]);
      await enqueueGuarded(
        q,
        db.dialect,
        site.id,
        'digest.weekly',
        hooks,
        [
          {
            id: key,
            customerId: null,
            payload: { markdown: digestToMarkdown(digest), html: digestToHtml(digest), digest },
          },
        ],
        { sql: 'EXISTS (SELECT 1 FROM meta WHERE key = ? AND value = ?)', params: [key, claim] },
        now,
      );
    });
    if ((await db.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [key]))?.value === claim)
      sent++;
  }
  return sent;
}
