import {
  type CsvDelimiter,
  decodeCsv,
  guessCustomerField,
  sniffCsvDelimiter,
  splitCsvRecord,
} from '@moments/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, describeError } from '../api.js';
import { ColumnMapping } from '../components/column-mapping.js';
import { ScrollBox } from '../components/scroll-box.js';
import { type CsvChunk, splitCsv, toFileLine } from '../csv-chunks.js';
import { fmt } from '../format.js';
import { useDashboard } from '../state.js';

/** Records sent in one request: small enough for a smooth progress bar, far under the server's cap. */
const CHUNK_RECORDS = 500;

type Import = {
  done: number;
  total: number;
  inserted: number;
  updated: number;
  rejected: { line: number; id?: string; reason: string }[];
  error?: string;
  finished: boolean;
};

/** A file read but not sent yet: its columns, the proposed fields, the first rows. */
type Draft = {
  name: string;
  chunks: CsvChunk[];
  delimiter: CsvDelimiter;
  headers: string[];
  sample: string[][];
  mapping: string[];
};

async function readFile(file: File): Promise<Draft> {
  // Not file.text(): a file Excel saved as Windows-1252 or UTF-16 would read as "Jos\uFFFD".
  const text = decodeCsv(new Uint8Array(await file.arrayBuffer()));
  const delimiter = sniffCsvDelimiter(text);
  const { header, chunks, unclosedQuoteLine } = splitCsv(text, CHUNK_RECORDS);
  // The rest of the file would read as one field: say where, rather than preview odd columns.
  if (unclosedQuoteLine)
    throw new Error(
      `Line ${unclosedQuoteLine} opens a quoted field (") that never closes, so the file cannot be read. Close or remove that quote and choose the file again.`,
    );
  const headers = splitCsvRecord(header, delimiter);
  const sample = (chunks[0]?.text.split(/\r?\n/).slice(1, 6) ?? []).map((r) => splitCsvRecord(r, delimiter));
  const guessed = headers.map((h) => guessCustomerField(h) ?? '');
  // A field guessed for two columns goes to the first only.
  const mapping = guessed.map((f, i) => (f && guessed.indexOf(f) === i ? f : ''));
  return { name: file.name, chunks, delimiter, headers, sample, mapping };
}

/** The business-data import: a CSV read, mapped and previewed, then sent in chunks with progress and every rejected row. */
export function CustomerImport() {
  const { site } = useDashboard();
  const [job, setJob] = useState<Import>();
  const [draft, setDraft] = useState<Draft>();
  const [readError, setReadError] = useState<string>();
  // The file input is emptied once read (the same file can be chosen again): its name is said here.
  const [fileName, setFileName] = useState<string>();
  const status = useRef<HTMLParagraphElement>(null);
  // The Import button goes with the preview: focus goes on to the progress it started.
  const started = job && !job.finished && job.done === 0;
  useEffect(() => {
    if (started) status.current?.focus();
  }, [started]);

  const mappingOk = (d: Draft) =>
    d.mapping.includes('id') && new Set(d.mapping.filter(Boolean)).size === d.mapping.filter(Boolean).length;

  async function importDraft(d: Draft) {
    const { chunks } = d;
    setDraft(undefined);
    const state: Import = {
      done: 0,
      total: chunks.reduce((s, c) => s + c.records, 0),
      inserted: 0,
      updated: 0,
      rejected: [],
      finished: false,
    };
    setJob({ ...state });
    for (const chunk of chunks) {
      try {
        const r = await api.upsertCustomers(site.id, chunk.text, { columns: d.mapping.join(',') });
        state.inserted += r.inserted;
        state.updated += r.updated;
        state.rejected.push(
          ...r.errors.map((e) => ({ line: toFileLine(chunk, e.row), id: e.id, reason: e.reason })),
        );
      } catch (err) {
        state.error = describeError(err);
        break;
      }
      state.done += chunk.records;
      setJob({ ...state, rejected: [...state.rejected] });
    }
    setJob({ ...state, rejected: [...state.rejected], finished: true });
  }

  return (
    <div class="card">
      <h2>Import business data</h2>
      <p>
        A CSV with a header line, separated by commas, semicolons (a European Excel export, amounts with a
        decimal comma) or tabs. You match its columns to these fields before anything is stored:{' '}
        <code>id</code> (required), <code>email</code>, <code>name</code>, <code>account</code>,{' '}
        <code>plan</code>, <code>mrr</code>, <code>currency</code>, <code>acquiredAt</code>,{' '}
        <code>acquisitionCost</code>, <code>costToServe</code>, <code>churnedAt</code>, <code>owner</code>. A
        customer already known is updated; rows that cannot be read are listed below and change nothing.
      </p>
      <div class="file-field">
        <label for="csv-file">CSV file</label>
        <input
          id="csv-file"
          type="file"
          accept=".csv,text/csv"
          disabled={job && !job.finished}
          onChange={(e) => {
            const f = e.currentTarget.files?.[0];
            setJob(undefined);
            setFileName(f?.name);
            if (f)
              readFile(f).then(
                (d) => {
                  setReadError(undefined);
                  setDraft(d);
                },
                (err) => setReadError(describeError(err)),
              );
            e.currentTarget.value = '';
          }}
        />
        {fileName && (
          <span class="muted small" data-testid="csv-file-name">
            Read: {fileName}
          </span>
        )}
      </div>
      {readError && <p class="error-text">{readError}</p>}
      {draft && (
        <>
          <ColumnMapping
            headers={draft.headers}
            sample={draft.sample}
            mapping={draft.mapping}
            delimiter={draft.delimiter}
            onChange={(mapping) => setDraft({ ...draft, mapping })}
          />
          <div class="actions">
            <button
              type="button"
              class="primary"
              disabled={!mappingOk(draft)}
              onClick={() => importDraft(draft)}
            >
              {((n) => `Import ${fmt(n)} ${n === 1 ? 'row' : 'rows'}`)(
                draft.chunks.reduce((s, c) => s + c.records, 0),
              )}
            </button>
            <button type="button" onClick={() => setDraft(undefined)}>
              Cancel
            </button>
          </div>
        </>
      )}
      {job && (
        <div class="import" data-testid="import">
          <progress max={job.total} value={job.done} aria-label="Import progress" />
          <p role="status" tabIndex={-1} ref={status}>
            {job.finished ? 'Import finished' : 'Importing'}: {fmt(job.done)} of {fmt(job.total)} rows read:{' '}
            {fmt(job.inserted)} added, {fmt(job.updated)} updated, {fmt(job.rejected.length)} rejected
          </p>
          {job.error && <p class="error-text">Stopped: {job.error}</p>}
          {job.rejected.length > 0 && (
            <ScrollBox label="Rejected rows">
              <table class="table">
                <caption>Rejected rows</caption>
                <thead>
                  <tr>
                    <th scope="col">Line</th>
                    <th scope="col">Id</th>
                    <th scope="col">Reason</th>
                  </tr>
                </thead>
                <tbody>
                  {job.rejected.slice(0, 200).map((r) => (
                    <tr key={r.line}>
                      <td>{r.line}</td>
                      <td>{r.id ?? '–'}</td>
                      <td>{r.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollBox>
          )}
        </div>
      )}
    </div>
  );
}
