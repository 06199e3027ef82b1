import type { ReactNode } from 'react';
import { ErrorState, StaleNotice } from '@/components/state-views';

/** The parts of a query result this view needs; React Query's result fits it. */
export type QueryLike<T> = {
  data: T | undefined;
  error: Error | null;
  isFetching: boolean;
  refetch: () => unknown;
};

type QueryViewProps<T> = {
  query: QueryLike<T>;
  /** Names the block in the error heading: "Could not load usage". */
  what: string;
  loading: ReactNode;
  empty: ReactNode;
  isEmpty: (data: T) => boolean;
  children: (data: T) => ReactNode;
};

/** Picks the loading, error, empty or data view for one block of the page. */
export function QueryView<T>({ query, what, loading, empty, isEmpty, children }: QueryViewProps<T>) {
  const { data, error, isFetching } = query;
  const retry = () => void query.refetch();

  if (data === undefined) {
    if (error) return <ErrorState title={`Could not load ${what}`} message={error.message} onRetry={retry} retrying={isFetching} />;
    return loading;
  }
  return (
    <>
      {error ? <StaleNotice message={error.message} onRetry={retry} retrying={isFetching} /> : null}
      {isEmpty(data) ? empty : children(data)}
    </>
  );
}
