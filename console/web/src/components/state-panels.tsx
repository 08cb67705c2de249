import type { ComponentChildren } from 'preact';
import type { ApiFailure } from '../api.ts';
import type { Loaded } from '../use-api.ts';

export function LoadingPanel({ what }: { what: string }) {
  return (
    <div class="panel loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" /> Loading {what}…
    </div>
  );
}

/** A failed load: which service failed, what it said, and a way to try again. */
export function ErrorPanel({ failure, retry }: { failure: ApiFailure; retry?: () => void }) {
  const title = failure.service === undefined ? 'Something went wrong' : `${failure.service} is not reachable`;
  return (
    <div class="panel error" role="alert" data-testid="error-panel">
      <h2>{failure.status === 404 ? 'Not found' : title}</h2>
      <p class="message">{failure.message}</p>
      <p class="code">
        {failure.code}
        {failure.status === 0 ? '' : ` · HTTP ${failure.status}`}
      </p>
      {retry === undefined ? null : (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function EmptyPanel({ children }: { children: ComponentChildren }) {
  return <div class="panel empty">{children}</div>;
}

/** Renders `ready` with the data once loaded; the loading and error panels until then. */
export function WhenLoaded<T>({ loaded, what, retry, ready }: { loaded: Loaded<T>; what: string; retry: () => void; ready: (data: T) => ComponentChildren }) {
  if (loaded.state === 'loading') return <LoadingPanel what={what} />;
  if (loaded.state === 'failed') return <ErrorPanel failure={loaded.failure} retry={retry} />;
  return <>{ready(loaded.data)}</>;
}
