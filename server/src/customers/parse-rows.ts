import {
  CUSTOMER_FIELDS,
  CUSTOMER_MONEY_FIELDS,
  MAX_CUSTOMER_ROWS,
  readDecimalComma,
  sniffCsvDelimiter,
} from '@moments/shared';
import { parse } from 'csv-parse/sync';
import { ValidationError } from '../domain/errors.js';

export type RawRow = { row: number; data: Record<string, unknown> };

const FIELDS: readonly string[] = CUSTOMER_FIELDS;
/** Amounts: read with a decimal comma when the file is written the European way (`;` between fields). */
const fieldByKey = new Map(FIELDS.map((f) => [f.toLowerCase(), f]));

/** Maps a CSV header (`MRR`, `acquired_at`, `Acquisition Cost`) to a field name, or undefined. */
export function toFieldName(header: string): string | undefined {
  return fieldByKey.get(header.toLowerCase().replace(/[\s_-]/g, ''));
}

/**
 * CSV text to rows numbered by their line in the file (the header is line 1). The delimiter is
 * the header's (`,` `;` or tab); with `;`, amounts may carry a decimal comma. `columns` maps the
 * file's columns to fields in order, an empty name skipping one, instead of reading the header.
 */
export function parseCustomerCsv(text: string, columns?: string[]): RawRow[] {
  const delimiter = sniffCsvDelimiter(text);
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter,
      columns: (headers: string[]) => {
        if (columns) {
          if (columns.length !== headers.length)
            throw new ValidationError(
              [
                {
                  path: 'columns',
                  message: `names ${columns.length} columns, the file has ${headers.length}`,
                },
              ],
              'The column mapping does not fit the file',
            );
          // csv-parse skips a column named false.
          return columns.map((c) => c || false) as string[];
        }
        const unknown = headers.filter((h) => !toFieldName(h));
        if (unknown.length) {
          throw new ValidationError(
            unknown.map((h) => ({
              path: `header.${h}`,
              message: `unknown column; known: ${FIELDS.join(', ')}`,
            })),
            'The CSV has unknown columns',
          );
        }
        return headers.map((h) => toFieldName(h)!);
      },
      skip_empty_lines: true,
      trim: true,
      info: true,
      relax_column_count: false,
    });
  } catch (err) {
    if (err instanceof ValidationError) throw err;
    throw new ValidationError(
      [{ path: '(body)', message: (err as Error).message }],
      'The CSV could not be read',
    );
  }
  if (!records.length) throw new ValidationError([{ path: '(body)', message: 'no rows' }]);
  const european = delimiter === ';';
  return records.map(({ record, info }) => ({
    row: info.lines,
    data: Object.fromEntries(
      Object.entries(record)
        .filter(([, v]) => v !== '')
        .map(([k, v]) => [k, european && CUSTOMER_MONEY_FIELDS.has(k) ? readDecimalComma(v) : v]),
    ),
  }));
}

/** A JSON array to rows numbered from 1. */
export function parseCustomerJson(body: unknown): RawRow[] {
  if (!Array.isArray(body))
    throw new ValidationError([{ path: '(body)', message: 'must be a JSON array of customers' }]);
  if (!body.length) throw new ValidationError([{ path: '(body)', message: 'no rows' }]);
  return body.map((data, i) => ({
    row: i + 1,
    data: (data && typeof data === 'object' ? data : { _: data }) as Record<string, unknown>,
  }));
}

/** Refuses an upload larger than one request may carry. */
export function assertRowCount(rows: RawRow[]) {
  if (rows.length > MAX_CUSTOMER_ROWS) {
    throw new ValidationError([{ path: '(body)', message: `at most ${MAX_CUSTOMER_ROWS} rows a request` }]);
  }
}

/** Rows from a CSV (text/csv, its columns optionally mapped) or JSON array (application/json) body. */
export function readCustomerRows(contentType: string, text: string, columns?: string[]): RawRow[] {
  if (/text\/csv/i.test(contentType)) return parseCustomerCsv(text, columns);
  if (!/json/i.test(contentType)) {
    throw new ValidationError([{ path: 'content-type', message: 'send application/json or text/csv' }]);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ValidationError([{ path: '(body)', message: 'the body is not valid JSON' }], 'Malformed JSON');
  }
  return parseCustomerJson(body);
}
