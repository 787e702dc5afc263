// Socket errors, and PostgreSQL's connection-exception (08…), shutdown (57P0…) and too-many-connections (53300) states.
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);
const CONNECTION_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Cannot use a pool after calling end|The database connection is not open|Connection is closed/i;

/**
 * Whether an error says the database cannot be reached or used right now (as opposed to a bug or
 * bad input): pg's connection failures, and SQLite busy past its timeout, I/O errors, a file it
 * cannot open or write, or a closed connection.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = String((err as { code?: unknown }).code ?? '');
  if (CONNECTION_CODES.has(code) || code.startsWith('08')) return true;
  if (/^SQLITE_(BUSY|IOERR|CANTOPEN|FULL|READONLY|LOCKED)/.test(code)) return true;
  return CONNECTION_MESSAGES.test(err.message);
}
