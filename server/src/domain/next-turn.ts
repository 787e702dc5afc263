/**
 * Runs fn after the I/O callbacks of this turn of the event loop: work that arrived together is
 * handled together. A timer where the runtime has no setImmediate.
 */
export const nextTurn = (fn: () => void) =>
  typeof setImmediate === 'function' ? setImmediate(fn) : setTimeout(fn, 0);
