import { formatInteger } from '@/lib/client/format';

type PaginationProps = {
  page: number;
  pageSize: number;
  total: number;
  onPageChange: (page: number) => void;
  /** What is being paged, for the nav landmark: "Keys pages". */
  label: string;
};

/** Previous/next with a "1–25 of 120" count; renders nothing when everything fits on one page. */
export function Pagination({ page, pageSize, total, onPageChange, label }: PaginationProps) {
  if (total <= pageSize) return null;
  const pageCount = Math.ceil(total / pageSize);
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(page * pageSize, total);
  return (
    <nav className="pagination" aria-label={label}>
      <p className="pagination-count" aria-live="polite">
        {formatInteger(first)}–{formatInteger(last)} of {formatInteger(total)}
      </p>
      <div className="pagination-buttons">
        <button type="button" className="button" onClick={() => onPageChange(page - 1)} disabled={page <= 1}>
          <span aria-hidden="true">← </span>Previous
        </button>
        <span className="pagination-page">
          Page {formatInteger(page)} of {formatInteger(pageCount)}
        </span>
        <button type="button" className="button" onClick={() => onPageChange(page + 1)} disabled={page >= pageCount}>
          Next<span aria-hidden="true"> →</span>
        </button>
      </div>
    </nav>
  );
}
