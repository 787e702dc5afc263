import type { Dialect } from './types.js';

export const postgresDialect: Dialect = {
  name: 'postgres',
  monthStartMs: (c) =>
    `(EXTRACT(EPOCH FROM date_trunc('month', to_timestamp(${c} / 1000.0) AT TIME ZONE 'UTC'))::bigint * 1000)`,
  orderedAppendLock: 'SELECT pg_advisory_xact_lock(727002) AS locked',
  serialPrimaryKey: 'BIGSERIAL PRIMARY KEY',
  lockRows: ' FOR UPDATE',
};
