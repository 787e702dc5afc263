import { describe, expect, it } from 'vitest';
import { splitCsv, toFileLine } from './csv-chunks.js';

describe('splitCsv', () => {
  it('keeps the header in every chunk and numbers records by their file line', () => {
    const csv = 'id,email\n1,a@x.io\n2,b@x.io\n3,c@x.io\n';
    const { chunks } = splitCsv(csv, 2);
    expect(chunks.map((c) => c.text)).toEqual(['id,email\n1,a@x.io\n2,b@x.io', 'id,email\n3,c@x.io']);
    expect(chunks.map((c) => c.firstLine)).toEqual([2, 4]);
    expect(toFileLine(chunks[1]!, 2)).toBe(4);
  });

  it('never cuts a quoted field holding line breaks or doubled quotes', () => {
    const csv = 'id,name\r\n1,"Ann\nSmith"\r\n2,"Bob ""the"" Builder"\r\n3,Cy\r\n';
    const { chunks } = splitCsv(csv, 1);
    expect(chunks.map((c) => c.text)).toEqual([
      'id,name\n1,"Ann\nSmith"',
      'id,name\n2,"Bob ""the"" Builder"',
      'id,name\n3,Cy',
    ]);
    expect(chunks.map((c) => c.firstLine)).toEqual([2, 4, 5]);
  });

  it('drops a byte-order mark and blank lines', () => {
    const { header, chunks } = splitCsv('\uFEFFid\n\n1\n\n', 10);
    expect(header).toBe('id');
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.records).toBe(1);
  });

  it('tells the line of a quoted field that never closes (the rest of the file would be one field)', () => {
    expect(splitCsv('id,name\n1,Ann\n2,"Bob\n3,Cy\n', 10).unclosedQuoteLine).toBe(3);
    expect(splitCsv('"id,name\n1,Ann\n', 10).unclosedQuoteLine).toBe(1);
    expect(splitCsv('id,name\n1,"Ann\nSmith"\n', 10).unclosedQuoteLine).toBeUndefined();
  });
});
