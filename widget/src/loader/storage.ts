// localStorage can throw (private mode, disabled storage, sandboxed frames): every access is guarded.
export function readJson<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

export function writeJson(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    /* storage unavailable: the widget still works for this page */
  }
}

/** A random client id of 20 to 32 characters of [a-z0-9]. */
export function makeId(): string {
  const r = () => Math.random().toString(36).slice(2, 12);
  return crypto.randomUUID?.().replace(/-/g, '') ?? r() + r();
}
