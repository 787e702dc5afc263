import { describe, expect, it } from 'vitest';
import {
  decodeCsv,
  getFirstCsvLine,
  readDecimalComma,
  sniffCsvDelimiter,
  splitCsvRecord,
} from './dialect.js';

describe('CSV dialect', () => {
  it('finds the delimiter of the header, ignoring the ones inside quotes', () => {
    expect(sniffCsvDelimiter('id,email,mrr\n1,a@b.c,3')).toBe(',');
    expect(sniffCsvDelimiter('\uFEFFid;email;mrr\r\n1;a@b.c;3,5')).toBe(';');
    expect(sniffCsvDelimiter('id\temail\n')).toBe('\t');
    expect(sniffCsvDelimiter('"a;b;c",d,e\n')).toBe(',');
    expect(sniffCsvDelimiter('id\n')).toBe(',');
  });
  it('reads the first line across a quoted line break, without the BOM', () => {
    expect(getFirstCsvLine('\uFEFF"a\nb";c\r\n1;2')).toBe('"a\nb";c');
  });
  it('reads decimal commas and leaves other text to the schema', () => {
    expect(readDecimalComma('1.234,56')).toBe('1234.56');
    expect(readDecimalComma('99,9')).toBe('99.9');
    expect(readDecimalComma('-12,00')).toBe('-12.00');
    expect(readDecimalComma('120')).toBe('120');
    expect(readDecimalComma('1.5')).toBe('1.5');
    expect(readDecimalComma('lots')).toBe('lots');
  });
  it('decodes a file as UTF-8, UTF-16 by its BOM, else Windows-1252', () => {
    const bytes = (...b: number[]) => new Uint8Array(b);
    expect(decodeCsv(bytes(0xef, 0xbb, 0xbf, 0x69, 0xc3, 0xa9))).toBe('ié');
    expect(decodeCsv(bytes(0x69, 0xe9, 0x80))).toBe('ié€');
    expect(decodeCsv(bytes(0xff, 0xfe, 0x69, 0, 0xe9, 0))).toBe('ié');
    expect(decodeCsv(bytes(0xfe, 0xff, 0, 0x69, 0, 0xe9))).toBe('ié');
  });
  it('splits a record for a preview', () => {
    expect(splitCsvRecord('a;"b;c";"say ""hi""";\r', ';')).toEqual(['a', 'b;c', 'say "hi"', '']);
  });
});
