import type { ReactNode } from 'react';

type LoadingStateProps = {
  /** What is loading, for screen readers: "Loading usage…". */
  label: string;
  variant: 'cards' | 'chart' | 'table';
  rows?: number;
};

/** A skeleton in the shape of the content it stands for, so the page does not jump when data arrives. */
export function LoadingState({ label, variant, rows = 5 }: LoadingStateProps) {
  return (
    <div className={`skeleton skeleton-${variant}`} role="status" aria-live="polite">
      <span className="sr-only">{label}</span>
      {variant === 'cards' &&
        Array.from({ length: 4 }, (_, i) => <div key={i} className="skeleton-block skeleton-card" aria-hidden="true" />)}
      {variant === 'chart' && <div className="skeleton-block skeleton-plot" aria-hidden="true" />}
      {variant === 'table' &&
        Array.from({ length: rows }, (_, i) => <div key={i} className="skeleton-block skeleton-row" aria-hidden="true" />)}
    </div>
  );
}

type EmptyStateProps = { title: string; children?: ReactNode };

export function EmptyState({ title, children }: EmptyStateProps) {
  return (
    <div className="state state-empty">
      <p className="state-title">{title}</p>
      {children ? <p className="state-detail">{children}</p> : null}
    </div>
  );
}

type ErrorStateProps = {
  title: string;
  message: string;
  onRetry: () => void;
  retrying?: boolean;
};

export function ErrorState({ title, message, onRetry, retrying = false }: ErrorStateProps) {
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">{title}</p>
      <p className="state-detail">{message}</p>
      <button type="button" className="button" onClick={onRetry} disabled={retrying}>
        {retrying ? 'Retrying…' : 'Retry'}
      </button>
    </div>
  );
}

/** Shown above still-valid data when a background refresh fails. */
export function StaleNotice({ message, onRetry, retrying = false }: Omit<ErrorStateProps, 'title'>) {
  return (
    <div className="stale-notice" role="alert">
      <span>Could not refresh: {message}</span>
      <button type="button" className="button button-small" onClick={onRetry} disabled={retrying}>
        {retrying ? 'Retrying…' : 'Retry'}
      </button>
    </div>
  );
}
