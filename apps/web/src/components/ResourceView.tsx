import type { ReactNode } from 'react';
import type { ResourceState } from '../hooks/useResource';
import { ErrorBanner } from './ErrorBanner';
import { LoadingState } from './LoadingState';

interface Props<T> {
  resource: ResourceState<T>;
  children: (data: T) => ReactNode;
}

/**
 * The error banner when the last request failed (above any data already shown), the loading
 * state until there is data, then the data.
 */
export function ResourceView<T>({ resource, children }: Props<T>) {
  const { data, error, loading, retry } = resource;
  return (
    <>
      {error ? <ErrorBanner problem={error} onRetry={retry} busy={loading} /> : null}
      {data !== undefined ? children(data) : error ? null : <LoadingState />}
    </>
  );
}
