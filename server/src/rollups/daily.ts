import type { Queryable } from '../db/index.js';
import { ROLLUP_TABLES } from '../db/schema.js';

const DAY_MS = 86_400_000;
/** The metrics kept in the daily score rollup. */
export const ROLLUP_QTYPES = ['nps', 'csat', 'ces'];

/** Start of the UTC day of an epoch-ms time. */
export const toDay = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

/** A daily rollup's key columns (all but the count), as the schema declares them. */
const keyColumns = (table: string) =>
  ROLLUP_TABLES.find(([t]) => t === table)![1]
    .map(([c]) => c)
    .filter((c) => c !== 'n');

/** A key column's value from a row of answers, responses or displays aliased `a`. */
const keyOf = (a: string, column: string) =>
  column === 'day'
    ? `${a}.created_at / 86400000 * 86400000`
    : column === 'team'
      ? `COALESCE(${a}.team, '')`
      : `${a}.${column}`;

/**
 * The statement that adds `count` (`COUNT(*)`, or `-COUNT(*)` to take rows out) of the rows of
 * `from` (aliased `alias`) to a daily rollup's slot, each key once. Its rows are upserted in key
 * order, and writers bump the rollups in one order too (response_daily, completion_daily,
 * score_daily, agent_daily, display_daily), so two writers never lock rollup rows in opposite
 * orders (PostgreSQL would abort one as a deadlock: an erasure and ingest of other customers).
 */
export function bumpDaily(table: string, alias: string, from: string, count: string, slot: number) {
  const columns = keyColumns(table);
  const ordinals = columns.map((_, i) => i + 1).join(', ');
  return `INSERT INTO ${table} (${columns.join(', ')}, n, slot)
    SELECT ${columns.map((c) => keyOf(alias, c)).join(', ')}, ${count}, ${slot}
    FROM ${from}
    GROUP BY ${ordinals} ORDER BY ${ordinals}
    ON CONFLICT (${columns.join(', ')}, slot) DO UPDATE SET n = ${table}.n + excluded.n`;
}

const SCORED = `a.qtype IN (${ROLLUP_QTYPES.map((t) => `'${t}'`).join(', ')}) AND a.value_num IS NOT NULL`;

/**
 * Takes one customer's rows out of the rollups, before those rows are erased: writes only, each
 * counting what is stored when it runs, so on D1 the count and the deletes are one batch that no
 * other write falls between. In the rollups' order (`bumpDaily`), as ingest bumps them.
 */
export async function subtractCustomerFromDaily(q: Queryable, siteId: string, customerId: string) {
  const theirs = (table: string, filter = '') =>
    `${table} a WHERE a.site_id = ? AND a.customer_id = ?${filter}`;
  const statements: [table: string, from: string][] = [
    ['response_daily', theirs('responses')],
    ['completion_daily', theirs('responses', ' AND a.complete = 1')],
    ['score_daily', theirs('answers', ` AND ${SCORED}`)],
    ['agent_daily', theirs('answers', ` AND ${SCORED} AND COALESCE(a.agent, '') <> ''`)],
    ['display_daily', theirs('displays', " AND a.kind = 'shown'")],
  ];
  for (const [table, from] of statements)
    await q.run(bumpDaily(table, 'a', from, '-COUNT(*)', 0), [siteId, customerId]);
}
