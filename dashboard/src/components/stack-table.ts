/**
 * Explicit table roles for a table that CSS turns into blocks on a phone (`.table.stack`, under
 * 720 px): WebKit (Safari, VoiceOver) drops a table's implicit roles once its parts are no longer
 * displayed as table parts; stated roles keep it a table with its rows, headers and cells. Chromium
 * exposes the same roles with or without them. Spread on each part (`<tr {...STACK.row}>`): a lint
 * rule against redundant roles cannot see the CSS that makes them needed.
 */
export const STACK = {
  table: { role: 'table' },
  rowgroup: { role: 'rowgroup' },
  row: { role: 'row' },
  columnheader: { role: 'columnheader' },
  rowheader: { role: 'rowheader' },
  cell: { role: 'cell' },
} as const;
