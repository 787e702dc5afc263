import type { ComponentChildren } from 'preact';

/**
 * Explicit table roles for a table that CSS turns into blocks on a phone (`.table.stack`, under
 * 720 px): WebKit (Safari, VoiceOver) drops a table's implicit roles once its parts are no longer
 * displayed as table parts; stated roles keep it a table with its rows, headers and cells. Chromium
 * exposes the same roles with or without them. The header row is `<StackHead>`; the table and the
 * body's parts spread them (`<tr {...STACK.row}>`): a lint rule against redundant roles cannot see
 * the CSS that makes them needed.
 */
export const STACK = {
  table: { role: 'table' },
  rowgroup: { role: 'rowgroup' },
  row: { role: 'row' },
  columnheader: { role: 'columnheader' },
  rowheader: { role: 'rowheader' },
  cell: { role: 'cell' },
} as const;

/** A column's header: its words, or what it shows with a class or a name read instead (`ariaLabel`). */
export type StackColumn = string | { label: ComponentChildren; class?: string; ariaLabel?: string };

/** The header row of a stacked table, its roles stated once here: `<StackHead columns={['Band', 'n']} />`. */
export function StackHead({ columns }: { columns: StackColumn[] }) {
  return (
    <thead {...STACK.rowgroup}>
      <tr {...STACK.row}>
        {columns.map((c, i) => {
          const column = typeof c === 'string' ? { label: c } : c;
          // A header cell is its place in the row: the index is its identity.
          return (
            <th
              key={i}
              scope="col"
              {...STACK.columnheader}
              class={column.class}
              aria-label={column.ariaLabel}
            >
              {column.label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
