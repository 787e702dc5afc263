import {
  type CsvDelimiter,
  CUSTOMER_CSV_FIELDS,
  CUSTOMER_MONEY_FIELDS,
  readDecimalComma,
} from '@moments/shared';
import { ScrollBox } from './scroll-box.js';
import { STACK, StackHead } from './stack-table.js';

const DELIMITER_NAME: Record<CsvDelimiter, string> = {
  ',': 'commas',
  ';': 'semicolons (amounts read with a decimal comma)',
  '\t': 'tabs',
};

/**
 * Each column of the file beside the field it fills (or none), and the first rows as they will be
 * read: nothing is written before the person has seen this.
 */
export function ColumnMapping({
  headers,
  sample,
  mapping,
  delimiter,
  onChange,
}: {
  headers: string[];
  sample: string[][];
  mapping: string[];
  delimiter: CsvDelimiter;
  onChange: (mapping: string[]) => void;
}) {
  const used = mapping.filter(Boolean);
  const twice = used.filter((f, i) => used.indexOf(f) !== i);
  return (
    <div class="mapping" data-testid="column-mapping">
      <p class="small">
        Fields separated by {DELIMITER_NAME[delimiter]}. Match each column to a field; the first values below
        are what will be stored
        {delimiter === ';' ? ' (amounts read with a decimal comma: 1.234,50 is 1234.5)' : ''}.
      </p>
      <ScrollBox label="Columns and their fields">
        <table class="table stack" {...STACK.table}>
          <caption>Columns of the file</caption>
          <StackHead columns={['Column', 'Field', 'First values']} />
          <tbody {...STACK.rowgroup}>
            {headers.map((h, i) => (
              <tr {...STACK.row} key={`${i}-${h}`}>
                <th scope="row" {...STACK.rowheader}>
                  {h || `(column ${i + 1})`}
                </th>
                <td {...STACK.cell} data-label="Field">
                  <select
                    aria-label={`Field for column ${h || i + 1}`}
                    value={mapping[i] ?? ''}
                    onChange={(e) => onChange(mapping.map((m, j) => (j === i ? e.currentTarget.value : m)))}
                  >
                    <option value="">Skip this column</option>
                    {CUSTOMER_CSV_FIELDS.map((f) => (
                      <option key={f} value={f}>
                        {f}
                      </option>
                    ))}
                  </select>
                  {mapping[i] && twice.includes(mapping[i]!) && (
                    <div class="error-text small">Another column fills {mapping[i]} too: pick one.</div>
                  )}
                </td>
                <td {...STACK.cell} data-label="First values" class="muted small">
                  {sample
                    .map((r) => r[i] ?? '')
                    .map((v) =>
                      delimiter === ';' && CUSTOMER_MONEY_FIELDS.has(mapping[i] ?? '')
                        ? readDecimalComma(v)
                        : v,
                    )
                    .filter(Boolean)
                    .slice(0, 3)
                    .join(' · ') || '(empty)'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      {!mapping.includes('id') && (
        <p class="error-text small">Pick the column that holds each customer's id.</p>
      )}
    </div>
  );
}
