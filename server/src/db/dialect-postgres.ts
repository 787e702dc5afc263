import type { Dialect } from './types.js';

const PG_TYPES = { text: 'text', real: 'double precision', int: 'bigint' } as const;

export const postgresDialect: Dialect = {
  name: 'postgres',
  monthStartMs: (c) =>
    `(EXTRACT(EPOCH FROM date_trunc('month', to_timestamp(${c} / 1000.0) AT TIME ZONE 'UTC'))::bigint * 1000)`,
  orderedAppendLock: 'pg_advisory_xact_lock(727002)',
  keyLock: 'pg_advisory_xact_lock(727003, hashtext(?))',
  // The aggregate takes the locks as it reads the sorted subquery, one hash after the other.
  sharedKeyLocks: (keys) =>
    `SELECT COUNT(pg_advisory_xact_lock_shared(727003, h)) AS locked
     FROM (SELECT DISTINCT hashtext(key) AS h FROM (${keys}) k ORDER BY h) ordered`,
  serialPrimaryKey: 'BIGSERIAL PRIMARY KEY',
  lockRows: ' FOR UPDATE',
  rollupSlots: 16,
  jsonValues: 'SELECT jsonb_array_elements_text(CAST(? AS jsonb)) AS value',
  // ARRAY(subquery) is computed once, then `= ANY` is an index condition on the array.
  inJsonArray: (column) => `${column} = ANY (ARRAY(SELECT jsonb_array_elements_text(CAST(? AS jsonb))))`,
  rowsWithIds: (table, alias, idColumn) =>
    `${table} ${alias} WHERE ${alias}.${idColumn} = ANY (ARRAY(SELECT jsonb_array_elements_text(CAST(? AS jsonb))))`,
  jsonRows: (columns) =>
    `SELECT ${columns
      .map(([name, type], i) => `CAST(x ->> ${i} AS ${PG_TYPES[type]}) AS ${name}`)
      .join(', ')} FROM jsonb_array_elements(CAST(? AS jsonb)) AS x`,
  randomId: (prefix) => `'${prefix}' || replace(CAST(gen_random_uuid() AS text), '-', '')`,
  jsonObject: (pairs) =>
    `CAST(json_build_object(${pairs.map(([k, e]) => `'${k}', ${e}`).join(', ')}) AS text)`,
  joinText: (expr, orderBy) => `string_agg(${expr}, ', ' ORDER BY ${orderBy})`,
  rowByRow: ' OFFSET 0',
};
