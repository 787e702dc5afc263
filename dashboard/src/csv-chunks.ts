/** A piece of a CSV file: the header line, some records, and the file line its first record starts on. */
export type CsvChunk = { text: string; firstLine: number; records: number };

/**
 * Splits CSV text into chunks of at most `size` records, each with the header, never cutting a
 * quoted field that holds a line break (a record ends where the count of `"` so far is even:
 * RFC 4180 escapes a quote by doubling it, which keeps the parity).
 */
export function splitCsv(
  text: string,
  size: number,
): { header: string; chunks: CsvChunk[]; unclosedQuoteLine?: number } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const records: { text: string; line: number }[] = [];
  let header: string | undefined;
  let current: string[] = [];
  let start = 1;
  let quotes = 0;
  lines.forEach((line, i) => {
    if (!current.length) start = i + 1;
    current.push(line);
    quotes += line.split('"').length - 1;
    if (quotes % 2) return;
    const record = current.join('\n');
    current = [];
    quotes = 0;
    if (header === undefined) header = record;
    else if (record.trim()) records.push({ text: record, line: start });
  });
  // Left over: a quoted field that never closes, from `start` to the end of the file.
  const unclosedQuoteLine = current.length ? start : undefined;
  if (current.length) records.push({ text: current.join('\n'), line: start });
  const chunks: CsvChunk[] = [];
  for (let i = 0; i < records.length; i += size) {
    const part = records.slice(i, i + size);
    chunks.push({
      text: [header, ...part.map((r) => r.text)].join('\n'),
      firstLine: part[0]!.line,
      records: part.length,
    });
  }
  return { header: header ?? '', chunks, unclosedQuoteLine };
}

/**
 * The file line of a row the server numbered within a chunk (its header is line 1, so its first
 * record is line 2).
 */
export function toFileLine(chunk: CsvChunk, chunkLine: number): number {
  return chunk.firstLine + chunkLine - 2;
}
