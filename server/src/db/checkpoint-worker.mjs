// Copies the SQLite write-ahead log into the database file from a thread of its own (the other
// core), so the fsync a checkpoint ends with never stalls the event loop that takes requests.
import { workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
setInterval(() => {
  try {
    // PASSIVE: copies what it can without waiting for, or blocking, the writer or any reader.
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or closing: the next tick tries again; the writer's own safety net bounds the log.
  }
}, workerData.everyMs);
