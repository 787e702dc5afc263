// How spreadsheets and CRMs write CSV: the delimiter (a European Excel writes ';' because ',' is
// its decimal mark), decimal commas, a byte-order mark and CRLF line ends. Free of zod so the
// dashboard can read a file before sending it.

export type CsvDelimiter = ',' | ';' | '\t';

/**
 * A CSV file's text, as whatever a spreadsheet saved it as: UTF-16 by its byte-order mark (Excel's
 * "Unicode Text"), UTF-8 (with or without a BOM), else Windows-1252 (Excel's plain "CSV" on
 * Windows), so "José" never arrives as "Jos\uFFFD".
 */
export function decodeCsv(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

// Windows-1252's 0x80–0x9F (its difference from Latin-1); 0x81, 0x8D, 0x8F, 0x90 and 0x9D stay as they are.
const CP1252_80_9F = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8DŽ\x8F\x90‘’“”•–—˜™š›œ\x9DžŸ';

/** By hand: Node's TextDecoder reads 'windows-1252' as Latin-1 (0x80 as U+0080, not €). */
function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += b >= 0x80 && b < 0xa0 ? CP1252_80_9F[b - 0x80] : String.fromCharCode(b);
  return text;
}

/** The first line of a CSV text (a BOM dropped), up to its first line break outside quotes. */
export function getFirstCsvLine(text: string): string {
  const t = text.replace(/^\uFEFF/, '');
  let quoted = false;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) return t.slice(0, i);
  }
  return t;
}

/** The delimiter of a CSV text: the one of `,` `;` tab found most often in its header, outside quotes (`,` on a tie). */
export function sniffCsvDelimiter(text: string): CsvDelimiter {
  const counts: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const c of getFirstCsvLine(text)) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c in counts) counts[c as CsvDelimiter]++;
  }
  return (['\t', ';'] as const).reduce<CsvDelimiter>((best, d) => (counts[d] > counts[best] ? d : best), ',');
}

/**
 * A number written with a decimal comma (`1.234,56`, `1234,5`, `-12,00`) as the dot form
 * (`1234.56`); anything else unchanged, for the schema to judge.
 */
export function readDecimalComma(value: string): string {
  const v = value.trim();
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(v) || /^-?\d+,\d+$/.test(v))
    return v.replace(/\./g, '').replace(',', '.');
  return value;
}

/** The fields of one CSV record (quotes removed, doubled quotes kept as one), for a preview. */
export function splitCsvRecord(record: string, delimiter: CsvDelimiter): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < record.length; i++) {
    const c = record[i];
    if (quoted) {
      if (c === '"' && record[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      out.push(field);
      field = '';
    } else if (c !== '\r') field += c;
  }
  out.push(field);
  return out.map((f) => f.trim());
}
