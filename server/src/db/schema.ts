import type { Dialect } from './types.js';

/**
 * Migrations, in order. One DDL for both dialects: times are epoch milliseconds (BIGINT), JSON is
 * TEXT, booleans are INTEGER 0/1, so the same queries run on SQLite and PostgreSQL.
 */
/** Fills the daily rollups from the rows they count (empty rollup tables assumed). */
export const DAILY_ROLLUP_BACKFILL_SQL = `
INSERT INTO score_daily (site_id, qtype, day, survey_id, moment, team, value_num, n)
  SELECT site_id, qtype, (created_at / 86400000) * 86400000, survey_id, moment, COALESCE(team, ''), value_num, COUNT(*)
  FROM answers WHERE qtype IN ('nps', 'csat', 'ces') AND value_num IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7;
INSERT INTO response_daily (site_id, day, survey_id, moment, team, n)
  SELECT site_id, (created_at / 86400000) * 86400000, survey_id, moment, COALESCE(team, ''), COUNT(*)
  FROM responses GROUP BY 1, 2, 3, 4, 5;
INSERT INTO display_daily (site_id, day, survey_id, n)
  SELECT site_id, (created_at / 86400000) * 86400000, survey_id, COUNT(*)
  FROM displays WHERE kind = 'shown' GROUP BY 1, 2, 3;
`;

/** Fills the per-agent daily score rollup from the answers (an empty table assumed). */
export const AGENT_ROLLUP_BACKFILL_SQL = `
INSERT INTO agent_daily (site_id, qtype, day, agent, survey_id, moment, team, value_num, n)
  SELECT site_id, qtype, (created_at / 86400000) * 86400000, agent, survey_id, moment, COALESCE(team, ''), value_num, COUNT(*)
  FROM answers WHERE agent IS NOT NULL AND qtype IN ('nps', 'csat', 'ces') AND value_num IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
`;

/**
 * A customer's NPS answers in order: by time, then (two at the same instant) the higher value last,
 * as the value report reads "the latest" (see `before` in reports/value.ts), then by key.
 */
export const NPS_HISTORY_ORDER = 'a.created_at, a.value_num, a.response_id, a.question_id';

/** The answers the NPS history covers: NPS answers that name a customer. */
export const NPS_HISTORY_HELD = "a.qtype = 'nps' AND a.customer_id IS NOT NULL AND a.value_num IS NOT NULL";

/**
 * Each NPS answer of a customer holds its neighbours in their history: the value of the answer
 * before it (`nps_prev`) and the time of the one after it (`nps_next_at`, none for their latest).
 * "Their latest answer as of a date" is then the answer given before that date whose next one came
 * at or after it, read by one range scan over the answers of a period (reports/value.ts) instead
 * of one seek per customer who answered again since. This fills both for every answer (the
 * migration, a seed); `foldNpsHistory` (rollups/nps-history.ts) keeps them as answers arrive.
 */
export const NPS_HISTORY_BACKFILL_SQL = `
UPDATE answers SET nps_prev = o.prev_value, nps_next_at = o.next_at
FROM (
  SELECT a.site_id, a.response_id, a.question_id,
    LAG(a.value_num) OVER w AS prev_value, LEAD(a.created_at) OVER w AS next_at
  FROM answers a WHERE ${NPS_HISTORY_HELD}
  WINDOW w AS (PARTITION BY a.site_id, a.customer_id ORDER BY ${NPS_HISTORY_ORDER})
) o
WHERE answers.site_id = o.site_id AND answers.response_id = o.response_id AND answers.question_id = o.question_id`;

/** Fills the latest two scores of each customer and metric from the answers (an empty table assumed). */
export const CUSTOMER_SCORES_BACKFILL_SQL = `
INSERT INTO customer_scores (site_id, customer_id, qtype, latest, latest_at, prev, prev_at)
  SELECT site_id, customer_id, qtype,
    MAX(CASE WHEN rn = 1 THEN value_num END), MAX(CASE WHEN rn = 1 THEN created_at END),
    MAX(CASE WHEN rn = 2 THEN value_num END), MAX(CASE WHEN rn = 2 THEN created_at END)
  FROM (
    SELECT site_id, customer_id, qtype, value_num, created_at,
      ROW_NUMBER() OVER (PARTITION BY site_id, customer_id, qtype ORDER BY created_at DESC) AS rn
    FROM answers WHERE customer_id IS NOT NULL AND qtype IN ('nps', 'csat', 'ces') AND value_num IS NOT NULL
  ) ranked
  WHERE rn <= 2 GROUP BY site_id, customer_id, qtype
`;

/** Fills the daily count of completed responses from the responses (an empty table assumed). */
export const COMPLETION_ROLLUP_BACKFILL_SQL = `
INSERT INTO completion_daily (site_id, day, survey_id, moment, team, n)
  SELECT site_id, (created_at / 86400000) * 86400000, survey_id, moment, COALESCE(team, ''), COUNT(*)
  FROM responses WHERE complete = 1 GROUP BY 1, 2, 3, 4, 5
`;

/**
 * Follow-up rules stored with the old CES reading (lower was easier: open on CES ≥ cesMin) become
 * CES 2.0 ones (higher is easier: open on CES ≤ cesMax), the same answers flagged: x ≥ m on the old
 * scale is (8 − x) ≤ 8 − m. JSON.stringify wrote the rules, so the text is exact in both dialects.
 */
export const CES_RULE_MIGRATION_SQL = [1, 2, 3, 4, 5, 6, 7, 8]
  .map(
    (m) =>
      `UPDATE sites SET follow_up_rule = REPLACE(follow_up_rule, '"cesMin":${m}', '"cesMax":${8 - m}') WHERE follow_up_rule LIKE '%"cesMin":${m}%'`,
  )
  .join(';\n');

const DAY_COUNT_COLUMNS: [string, string][] = [
  ['site_id', 'TEXT'],
  ['day', 'BIGINT'],
  ['survey_id', 'TEXT'],
  ['moment', 'TEXT'],
  ['team', 'TEXT'],
  ['n', 'BIGINT'],
];

/** The daily rollups and their columns (key columns, then the count n). */
export const ROLLUP_TABLES: [string, [string, string][]][] = [
  [
    'score_daily',
    [
      ['site_id', 'TEXT'],
      ['qtype', 'TEXT'],
      ['day', 'BIGINT'],
      ['survey_id', 'TEXT'],
      ['moment', 'TEXT'],
      ['team', 'TEXT'],
      ['value_num', 'DOUBLE PRECISION'],
      ['n', 'BIGINT'],
    ],
  ],
  [
    'agent_daily',
    [
      ['site_id', 'TEXT'],
      ['qtype', 'TEXT'],
      ['day', 'BIGINT'],
      ['agent', 'TEXT'],
      ['survey_id', 'TEXT'],
      ['moment', 'TEXT'],
      ['team', 'TEXT'],
      ['value_num', 'DOUBLE PRECISION'],
      ['n', 'BIGINT'],
    ],
  ],
  ['response_daily', DAY_COUNT_COLUMNS],
  ['completion_daily', DAY_COUNT_COLUMNS],
  [
    'display_daily',
    [
      ['site_id', 'TEXT'],
      ['day', 'BIGINT'],
      ['survey_id', 'TEXT'],
      ['n', 'BIGINT'],
    ],
  ],
];

export const migrations: { id: string; sql: string | ((d: Dialect) => string) }[] = [
  {
    id: '001_core',
    sql: `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE sites (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  public_key TEXT NOT NULL UNIQUE,
  secret TEXT NOT NULL,
  allowed_origins TEXT NOT NULL,
  require_signed_identity INTEGER NOT NULL,
  contact_policy TEXT NOT NULL,
  follow_up_rule TEXT NOT NULL,
  theme TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE surveys (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id),
  status TEXT NOT NULL,
  moment TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  deleted_at BIGINT
);
CREATE INDEX surveys_site ON surveys (site_id);

CREATE TABLE customers (
  site_id TEXT NOT NULL,
  id TEXT NOT NULL,
  email TEXT,
  name TEXT,
  account TEXT,
  plan TEXT,
  mrr DOUBLE PRECISION,
  currency TEXT,
  acquired_at BIGINT,
  acquisition_cost DOUBLE PRECISION,
  cost_to_serve DOUBLE PRECISION,
  churned_at BIGINT,
  owner TEXT,
  traits TEXT,
  first_seen_at BIGINT,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (site_id, id)
);
CREATE INDEX customers_email ON customers (site_id, lower(email));

CREATE TABLE responses (
  site_id TEXT NOT NULL,
  id TEXT NOT NULL,
  survey_id TEXT NOT NULL,
  customer_id TEXT,
  anonymous_id TEXT NOT NULL,
  moment TEXT NOT NULL,
  agent TEXT,
  team TEXT,
  ticket_id TEXT,
  url TEXT,
  locale TEXT,
  created_at BIGINT NOT NULL,
  received_at BIGINT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (site_id, id)
);
CREATE INDEX responses_site_time ON responses (site_id, created_at, id);
CREATE INDEX responses_customer ON responses (site_id, customer_id, created_at);

CREATE TABLE answers (
  site_id TEXT NOT NULL,
  response_id TEXT NOT NULL,
  question_id TEXT NOT NULL,
  survey_id TEXT NOT NULL,
  qtype TEXT NOT NULL,
  driver TEXT,
  value_num DOUBLE PRECISION,
  value_text TEXT,
  moment TEXT NOT NULL,
  team TEXT,
  agent TEXT,
  customer_id TEXT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (site_id, response_id, question_id)
);
CREATE INDEX answers_metric ON answers (site_id, qtype, created_at, value_num);
CREATE INDEX answers_survey ON answers (site_id, survey_id, qtype, created_at, value_num);
CREATE INDEX answers_customer ON answers (site_id, customer_id, created_at);

CREATE TABLE displays (
  site_id TEXT NOT NULL,
  id TEXT NOT NULL,
  survey_id TEXT NOT NULL,
  customer_id TEXT,
  anonymous_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (site_id, id)
);
CREATE INDEX displays_customer ON displays (site_id, customer_id, created_at);
CREATE INDEX displays_time ON displays (site_id, created_at);

CREATE TABLE events (
  site_id TEXT NOT NULL,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  customer_id TEXT,
  anonymous_id TEXT NOT NULL,
  props TEXT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (site_id, id)
);
CREATE INDEX events_name_time ON events (site_id, name, created_at);

CREATE TABLE tokens (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  site_ids TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);

CREATE TABLE followups (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL,
  response_id TEXT NOT NULL,
  customer_id TEXT,
  status TEXT NOT NULL,
  reason TEXT NOT NULL,
  assignee TEXT,
  note TEXT,
  opened_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (site_id, response_id)
);
CREATE INDEX followups_customer ON followups (site_id, customer_id, status);
`,
  },
  {
    // Daily rollups of scores, responses and displays: summary and timeseries read these instead of
    // every answer. Kept in the same transaction as the rows they count.
    id: '002_daily_rollups',
    sql: `
CREATE TABLE score_daily (
  site_id TEXT NOT NULL,
  qtype TEXT NOT NULL,
  day BIGINT NOT NULL,
  survey_id TEXT NOT NULL,
  moment TEXT NOT NULL,
  team TEXT NOT NULL,
  value_num DOUBLE PRECISION NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (site_id, qtype, day, survey_id, moment, team, value_num)
);
CREATE TABLE response_daily (
  site_id TEXT NOT NULL,
  day BIGINT NOT NULL,
  survey_id TEXT NOT NULL,
  moment TEXT NOT NULL,
  team TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (site_id, day, survey_id, moment, team)
);
CREATE TABLE display_daily (
  site_id TEXT NOT NULL,
  day BIGINT NOT NULL,
  survey_id TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (site_id, day, survey_id)
);
${DAILY_ROLLUP_BACKFILL_SQL}`,
  },
  {
    // Agent filters (and rankings by agent) read the answers: this index covers them.
    id: '003_answers_by_agent',
    sql: `
CREATE INDEX answers_agent ON answers (site_id, agent, qtype, created_at, value_num);
CREATE INDEX responses_agent ON responses (site_id, agent, created_at);
`,
  },
  {
    // Follow-up history, and the log of live events the stream sends (its seq is the SSE event id).
    id: '004_followups_and_live_events',
    sql: (d) => `
ALTER TABLE followups ADD COLUMN survey_id TEXT;
CREATE INDEX followups_status ON followups (site_id, status, opened_at);
CREATE TABLE followup_changes (
  id TEXT PRIMARY KEY,
  followup_id TEXT NOT NULL,
  actor TEXT NOT NULL,
  at BIGINT NOT NULL,
  change TEXT NOT NULL
);
CREATE INDEX followup_changes_followup ON followup_changes (followup_id, at);
CREATE TABLE live_events (
  seq ${d.serialPrimaryKey},
  site_id TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  type TEXT NOT NULL,
  payload TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX live_events_customer ON live_events (customer_id, seq);
`,
  },
  {
    id: '005_site_value_settings',
    sql: 'ALTER TABLE sites ADD COLUMN value_settings TEXT',
  },
  {
    // Journey conversion asks, per answer, whether that customer later reached the next moment.
    id: '006_events_by_customer',
    sql: 'CREATE INDEX events_customer ON events (site_id, customer_id, name, created_at)',
  },
  {
    // Webhooks, and their deliveries as an outbox written in the same transaction as the event.
    id: '007_webhooks',
    sql: `
CREATE TABLE webhooks (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL,
  url TEXT NOT NULL,
  events TEXT NOT NULL,
  secret TEXT NOT NULL,
  format TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  deleted_at BIGINT
);
CREATE INDEX webhooks_site ON webhooks (site_id);
CREATE TABLE webhook_deliveries (
  id TEXT PRIMARY KEY,
  webhook_id TEXT NOT NULL,
  event TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  next_attempt_at BIGINT,
  locked_until BIGINT,
  last_status INTEGER,
  last_error TEXT,
  created_at BIGINT NOT NULL,
  delivered_at BIGINT
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id, created_at);
`,
  },
  {
    // Each customer's latest and previous score per metric, kept at ingest: the value report and
    // "did their score fall" read this instead of ranking every answer.
    id: '008_customer_scores',
    sql: `
CREATE TABLE customer_scores (
  site_id TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  qtype TEXT NOT NULL,
  latest DOUBLE PRECISION NOT NULL,
  latest_at BIGINT NOT NULL,
  prev DOUBLE PRECISION,
  prev_at BIGINT,
  PRIMARY KEY (site_id, customer_id, qtype)
);
CREATE INDEX customer_scores_latest ON customer_scores (site_id, qtype, latest_at);
${CUSTOMER_SCORES_BACKFILL_SQL};
`,
  },
  {
    // Scores per agent and day: rankings and movers by agent read this instead of every answer.
    id: '009_agent_daily',
    sql: `
CREATE TABLE agent_daily (
  site_id TEXT NOT NULL,
  qtype TEXT NOT NULL,
  day BIGINT NOT NULL,
  agent TEXT NOT NULL,
  survey_id TEXT NOT NULL,
  moment TEXT NOT NULL,
  team TEXT NOT NULL,
  value_num DOUBLE PRECISION NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (site_id, qtype, day, agent, survey_id, moment, team, value_num)
);
${AGENT_ROLLUP_BACKFILL_SQL};
`,
  },
  {
    // Dashboard sign-in sessions: only the hash of the session cookie is kept.
    id: '010_sessions',
    sql: `
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
`,
  },
  {
    // The themes report's reading of each text answer (noun phrases, sentiment), kept once computed:
    // tagging costs milliseconds a comment, so a report reads each comment once, ever.
    id: '011_text_readings',
    sql: `
CREATE TABLE text_readings (
  site_id TEXT NOT NULL,
  response_id TEXT NOT NULL,
  question_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  phrases TEXT NOT NULL,
  sentiment DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (site_id, response_id, question_id)
);
`,
  },
  {
    // A customer's answers by metric, newest first: the value report's latest and previous NPS per
    // customer, and the lookup's history and comments, seek instead of reading every answer of the
    // customer to check its type. Replaces the index without qtype (same write cost at ingest).
    id: '012_answers_customer_metric',
    sql: `
DROP INDEX answers_customer;
CREATE INDEX answers_customer_metric ON answers (site_id, customer_id, qtype, created_at);
`,
  },
  {
    // Partial responses: a response is stored as the customer answers and marked complete at the
    // end; completion_daily counts completed ones by day for the completion rate. Sites gain the
    // minimum sample under which a score is flagged, and CES rules turn to CES 2.0.
    id: '013_partial_responses_ces2',
    sql: `
ALTER TABLE responses ADD COLUMN complete INTEGER NOT NULL DEFAULT 1;
CREATE TABLE completion_daily (
  site_id TEXT NOT NULL,
  day BIGINT NOT NULL,
  survey_id TEXT NOT NULL,
  moment TEXT NOT NULL,
  team TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (site_id, day, survey_id, moment, team)
);
${COMPLETION_ROLLUP_BACKFILL_SQL};
ALTER TABLE sites ADD COLUMN min_sample INTEGER;
${CES_RULE_MIGRATION_SQL};
`,
  },
  {
    // A rotated site secret and public key keep working until the end of a grace period, so pages
    // and back ends can roll over.
    id: '020_site_key_rotation',
    sql: `
ALTER TABLE sites ADD COLUMN previous_secret TEXT;
ALTER TABLE sites ADD COLUMN previous_secret_until BIGINT;
ALTER TABLE sites ADD COLUMN previous_public_key TEXT;
ALTER TABLE sites ADD COLUMN previous_public_key_until BIGINT;
CREATE INDEX sites_previous_public_key ON sites (previous_public_key);
`,
  },
  {
    // Queued and logged webhook payloads carry customers' words: each delivery names its site and
    // customer so erasing a customer erases them too. The log keeps a generic reason only (no raw
    // connection errors: they told a caller which internal ports answer).
    id: '021_webhook_delivery_owner',
    sql: (d) => `
ALTER TABLE webhook_deliveries ADD COLUMN site_id TEXT;
ALTER TABLE webhook_deliveries ADD COLUMN customer_id TEXT;
UPDATE webhook_deliveries SET site_id = (SELECT w.site_id FROM webhooks w WHERE w.id = webhook_deliveries.webhook_id);
UPDATE webhook_deliveries SET customer_id = ${
      d.name === 'postgres'
        ? "COALESCE(payload::json->'customer'->>'id', payload::json->>'customerId')"
        : "COALESCE(json_extract(payload, '$.customer.id'), json_extract(payload, '$.customerId'))"
    };
UPDATE webhook_deliveries SET last_error = 'connection failed'
  WHERE last_error IS NOT NULL AND last_error NOT LIKE 'HTTP %' AND last_error <> 'timeout';
CREATE INDEX webhook_deliveries_customer ON webhook_deliveries (site_id, customer_id);
CREATE INDEX webhook_deliveries_done ON webhook_deliveries (status, created_at);
`,
  },
  {
    // Wrong credentials per address and window, shared by every instance (see failed-auth-throttle.ts).
    id: '022_auth_failures',
    sql: `
CREATE TABLE auth_failures (
  address TEXT PRIMARY KEY,
  window_start BIGINT NOT NULL,
  n INTEGER NOT NULL
);
`,
  },
  {
    // The public rate limit, shared by every instance on one database: a counter per key and window.
    id: '014_rate_limits',
    sql: `
CREATE TABLE rate_limits (
  key TEXT PRIMARY KEY,
  window_start BIGINT NOT NULL,
  n BIGINT NOT NULL
);
`,
  },
  {
    // Each ingest write marks the rows it stored with a token of its own; rollups, latest scores,
    // follow-ups, live events and webhook deliveries are then derived in SQL from the rows bearing
    // that token. The write is a list of statements with no read after a write, so it fits one
    // atomic D1 batch() as well as a transaction, and a retry that stores nothing counts nothing.
    id: '015_write_tokens',
    sql: `
ALTER TABLE responses ADD COLUMN write_token BIGINT;
ALTER TABLE responses ADD COLUMN complete_token BIGINT;
ALTER TABLE answers ADD COLUMN write_token BIGINT;
ALTER TABLE displays ADD COLUMN write_token BIGINT;
ALTER TABLE events ADD COLUMN write_token BIGINT;
ALTER TABLE followups ADD COLUMN write_token BIGINT;
`,
  },
  {
    // A customer's answers by metric carry their value too: the value report for a past period seeks
    // each customer's last answers before its end on the index alone, never the table. Replaces the
    // index without value_num (the same number of indexes written at ingest, each entry 8 bytes wider).
    id: '017_answers_customer_metric_value',
    sql: `
DROP INDEX answers_customer_metric;
CREATE INDEX answers_customer_metric_value ON answers (site_id, customer_id, qtype, created_at, value_num);
`,
  },
  {
    // Each daily rollup key is spread over slots (a write bumps the slot its token picks; readers
    // sum them, as they always summed rows): concurrent writers on PostgreSQL no longer queue on
    // one row per day. SQLite rebuilds the tables (a primary key cannot be altered there).
    id: '018_rollup_slots',
    sql: (d) =>
      ROLLUP_TABLES.map(([table, columns]) => {
        const key = columns.filter((c) => c[0] !== 'n').map((c) => c[0]);
        if (d.name === 'postgres')
          return `ALTER TABLE ${table} ADD COLUMN slot SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE ${table} DROP CONSTRAINT ${table}_pkey;
ALTER TABLE ${table} ADD PRIMARY KEY (${[...key, 'slot'].join(', ')});`;
        const names = columns.map((c) => c[0]).join(', ');
        return `CREATE TABLE ${table}_slotted (
  ${columns.map(([c, type]) => `${c} ${type} NOT NULL`).join(',\n  ')},
  slot INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (${[...key, 'slot'].join(', ')})
);
INSERT INTO ${table}_slotted (${names}) SELECT ${names} FROM ${table};
DROP TABLE ${table};
ALTER TABLE ${table}_slotted RENAME TO ${table};`;
      }).join('\n'),
  },
  {
    // Each customer's NPS answers hold their neighbours (NPS_HISTORY_BACKFILL_SQL): the value report
    // for a past period reads who was where at its end by one scan of the period's answers, on an
    // index of NPS answers that name a customer (an anonymous answer writes no entry to it).
    // PostgreSQL plans with fresh statistics at once (it chose a sequential scan of every answer
    // over the new index until the table was analyzed).
    id: '023_nps_history',
    sql: (d) => `
ALTER TABLE answers ADD COLUMN nps_prev DOUBLE PRECISION;
ALTER TABLE answers ADD COLUMN nps_next_at BIGINT;
${NPS_HISTORY_BACKFILL_SQL};
CREATE INDEX answers_nps_history ON answers ${
      d.name === 'postgres'
        ? '(site_id, created_at) INCLUDE (nps_next_at, customer_id, value_num, nps_prev)'
        : '(site_id, created_at, nps_next_at, customer_id, value_num, nps_prev)'
    } WHERE qtype = 'nps' AND customer_id IS NOT NULL;
${d.name === 'postgres' ? 'ANALYZE answers;' : ''}
`,
  },
  {
    // Responses accepted at the 202 and not yet folded into answers, rollups, scores, follow-ups
    // and live events (ingest/inbox.ts; SQLite only: PostgreSQL and D1 write them whole at once).
    // `seq` orders the fold (on SQLite a plain row id: AUTOINCREMENT writes its counter on every
    // insert, and a number reused once the table is empty folds nothing twice); one row per site
    // and id, so a resend of a waiting response conflicts;
    // `error` sets aside one whose fold fails alone (kept, never folded again by itself); a
    // customer's waiting answers count in their contact history (site-config/eligibility.ts).
    id: '024_response_inbox',
    sql: (d) => `
CREATE TABLE response_inbox (
  seq ${d.name === 'sqlite' ? 'INTEGER PRIMARY KEY' : d.serialPrimaryKey},
  site_id TEXT NOT NULL,
  id TEXT NOT NULL,
  survey_id TEXT NOT NULL,
  customer_id TEXT,
  created_at BIGINT NOT NULL,
  received_at BIGINT NOT NULL,
  body TEXT NOT NULL,
  error TEXT,
  UNIQUE (site_id, id)
);
CREATE INDEX response_inbox_customer ON response_inbox (site_id, customer_id) WHERE customer_id IS NOT NULL`,
  },
  {
    // The indexes by customer and by agent hold only rows that name one: every query that reads
    // them names a customer or an agent (`= ?`, or `IS NOT NULL`), and an anonymous response, or
    // one no agent handled, wrote an entry nobody read. An anonymous response now writes three
    // b-trees of its row fewer (two of the responses, one of each answer), which is less to
    // commit: ingest of anonymous responses 12% cheaper measured in one process. Rebuilding the
    // four takes about 12 s at start on a database of 1M responses (measured on the bench seed).
    id: '025_partial_customer_agent_indexes',
    sql: `
DROP INDEX responses_customer;
CREATE INDEX responses_customer ON responses (site_id, customer_id, created_at) WHERE customer_id IS NOT NULL;
DROP INDEX responses_agent;
CREATE INDEX responses_agent ON responses (site_id, agent, created_at) WHERE agent IS NOT NULL;
DROP INDEX answers_agent;
CREATE INDEX answers_agent ON answers (site_id, agent, qtype, created_at, value_num) WHERE agent IS NOT NULL;
DROP INDEX answers_customer_metric_value;
CREATE INDEX answers_customer_metric_value ON answers (site_id, customer_id, qtype, created_at, value_num) WHERE customer_id IS NOT NULL;
`,
  },
  {
    // A survey's wording before an edit changed it: a response answered before `valid_to` was asked
    // in the first version valid past its time (surveys/queries.ts), so a past answer is shown under
    // the words it answered, not the survey's words of today.
    id: '026_survey_versions',
    sql: `
CREATE TABLE survey_versions (
  survey_id TEXT NOT NULL,
  site_id TEXT NOT NULL,
  body TEXT NOT NULL,
  valid_to BIGINT NOT NULL,
  PRIMARY KEY (survey_id, valid_to)
);
`,
  },
];
