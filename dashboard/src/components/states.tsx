import { ApiClientError } from '@moments/shared';
import type { ComponentChildren } from 'preact';
import { describeError } from '../api.js';
import type { Load } from '../state.js';

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p class="state" role="status">
      <span class="spinner" aria-hidden="true" /> {what}…
    </p>
  );
}

export function ErrorNote({ error, retry }: { error: unknown; retry?: () => void }) {
  // Asking again cannot find what is not there, nor fix what was asked: only a failure may pass.
  const final =
    error instanceof ApiClientError && error.status >= 400 && error.status < 500 && error.status !== 429;
  return (
    <div class="state error" role="alert">
      <p>{describeError(error)}</p>
      {retry && !final && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <div class="state empty">{children}</div>;
}

/** Renders a load's states: spinner first, error with a retry, then the data. */
export function Loaded<T>({ load, children }: { load: Load<T>; children: (data: T) => ComponentChildren }) {
  if (load.error) return <ErrorNote error={load.error} retry={load.reload} />;
  if (load.data === undefined) return <Loading />;
  return <div class={load.loading ? 'refreshing' : undefined}>{children(load.data)}</div>;
}
