import type { Dialect } from './types.js';

export const postgresDialect: Dialect = {
  name: 'postgres',
  monthStartMs: (c) =>
    `(EXTRACT(EPOCH FROM date_trunc('month', to_timestamp(${c} / 1000.0) AT TIME ZONE 'UTC'))::bigint * 1000)`,
  lowerEquals: (c) => `lower(${c}) = lower(?)`,
  serialPrimaryKey: 'BIGSERIAL PRIMARY KEY',
  lockRows: ' FOR UPDATE',
};
