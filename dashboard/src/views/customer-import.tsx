import { useState } from 'preact/hooks';
import { api, describeError } from '../api.js';
import { ScrollBox } from '../components/scroll-box.js';
import { splitCsv, toFileLine } from '../csv-chunks.js';
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

/** The business-data import: a CSV sent in chunks, with progress and every rejected row. */
export function CustomerImport() {
  const { site } = useDashboard();
  const [job, setJob] = useState<Import>();

  async function importFile(file: File) {
    const { chunks } = splitCsv(await file.text(), CHUNK_RECORDS);
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
        const r = await api.upsertCustomers(site.id, chunk.text);
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
        A CSV with a header line. Columns: <code>id</code> (required), <code>email</code>, <code>name</code>,{' '}
        <code>account</code>, <code>plan</code>, <code>mrr</code>, <code>currency</code>,{' '}
        <code>acquiredAt</code>, <code>acquisitionCost</code>, <code>costToServe</code>,{' '}
        <code>churnedAt</code>, <code>owner</code>. A customer already known is updated; rows that cannot be
        read are listed below and change nothing.
      </p>
      <label for="csv-file">CSV file</label>{' '}
      <input
        id="csv-file"
        type="file"
        accept=".csv,text/csv"
        disabled={job && !job.finished}
        onChange={(e) => {
          const f = e.currentTarget.files?.[0];
          if (f) void importFile(f);
          e.currentTarget.value = '';
        }}
      />
      {job && (
        <div class="import" data-testid="import">
          <progress max={job.total} value={job.done} aria-label="Import progress" />
          <p role="status">
            {job.finished ? 'Import finished' : 'Importing'}: {fmt(job.done)} of {fmt(job.total)} rows ·{' '}
            {fmt(job.inserted)} added · {fmt(job.updated)} updated · {fmt(job.rejected.length)} rejected
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
