import type { VNode } from 'preact';
import { describe, expect, it } from 'vitest';
import { StackHead } from './stack-table.js';

type Node = VNode<Record<string, unknown> & { children?: unknown }>;

describe('StackHead', () => {
  it('states every role of a stacked table’s header row, each column a column header', () => {
    const head = StackHead({
      columns: ['Band', { label: '#', ariaLabel: 'Rank' }, { label: 'Rate (95% CI)', class: 'wide' }],
    }) as Node;
    expect(head.type).toBe('thead');
    expect(head.props.role).toBe('rowgroup');
    const row = head.props.children as Node;
    expect(row.type).toBe('tr');
    expect(row.props.role).toBe('row');
    const cells = (row.props.children as Node[]).map(({ type, props }) => ({ type, ...props }));
    expect(cells).toEqual([
      { type: 'th', scope: 'col', role: 'columnheader', children: 'Band' },
      { type: 'th', scope: 'col', role: 'columnheader', 'aria-label': 'Rank', children: '#' },
      { type: 'th', scope: 'col', role: 'columnheader', class: 'wide', children: 'Rate (95% CI)' },
    ]);
  });
});
