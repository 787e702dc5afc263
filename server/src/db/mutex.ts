/** Serializes async sections: SQLite has one connection, so a transaction must not interleave. */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  locked = false;

  run<T>(fn: () => Promise<T> | T): Promise<T> {
    const next = this.tail.then(async () => {
      this.locked = true;
      try {
        return await fn();
      } finally {
        this.locked = false;
      }
    });
    this.tail = next.catch(() => undefined);
    return next;
  }
}
