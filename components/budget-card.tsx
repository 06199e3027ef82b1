import Link from 'next/link';
import { useId } from 'react';
import type { ReactNode } from 'react';
import { BudgetBurnChart } from '@/components/budget-burn-chart';
import { BudgetHistoryChart } from '@/components/budget-history-chart';
import { BudgetProgress } from '@/components/budget-progress';
import { BudgetStatus } from '@/components/budget-status';
import { describeOverrun, formatForecastRange, monthName, scopeLabel, statusReason, subjectHref, thresholdMarks } from '@/lib/client/budget-labels';
import { historyRows } from '@/lib/client/budget-totals';
import { formatUsd } from '@/lib/client/format';
import type { BudgetView } from '@/lib/budgets/budget-schemas';
import { InlineConfirm } from '@/components/inline-confirm';
import { useCardActions } from '@/lib/client/use-card-actions';

type BudgetCardProps = {
  budget: BudgetView;
  editing: boolean;
  deleting: boolean;
  /** A failed delete, in words. */
  error: string | null;
  onEdit: () => void;
  onDelete: () => void;
  /** The edit form, shown under the budget while editing. */
  children?: ReactNode;
};

/** One budget: whose it is, where it stands this month, where it is heading, and its last months. */
export function BudgetCard({ budget, editing, deleting, error, onEdit, onDelete, children }: BudgetCardProps) {
  const id = useId();
  const { confirming, setConfirming, keep, deleteRef, editRef } = useCardActions(editing);
  const href = subjectHref(budget);
  const overrun = describeOverrun(budget);
  const marks = thresholdMarks(budget.thresholds, budget.percent);

  return (
    <li className="budget-card" aria-labelledby={`${id}-name`} data-testid="budget" data-subject={budget.subjectName} data-scope={budget.scope} data-status={budget.status}>
      <div className="budget-head">
        <div className="budget-title">
          <h3 id={`${id}-name`} className="budget-name" data-testid="budget-subject">
            {href ? <Link href={href}>{budget.subjectName}</Link> : budget.subjectName}
          </h3>
          <span className="budget-scope" data-testid="budget-scope">
            {scopeLabel(budget)}
          </span>
          <BudgetStatus budget={budget} />
        </div>
        <div className="budget-actions" role="group" aria-label={`Actions for the budget of ${budget.subjectName}`}>
          <button ref={editRef} type="button" className="button" onClick={onEdit} disabled={deleting} aria-expanded={editing} data-testid="budget-edit">
            Edit
          </button>
          <button ref={deleteRef} type="button" className="button budget-delete" onClick={() => setConfirming(true)} disabled={deleting} aria-expanded={confirming} data-testid="budget-delete">
            {deleting ? 'Deleting…' : 'Delete'}
          </button>
        </div>
      </div>

      <div className="budget-body">
        <div className="budget-main">
          <dl className="budget-facts">
            <div>
              <dt>Budget</dt>
              <dd data-testid="budget-amount">
                {formatUsd(budget.monthlyUsd)} <span className="muted">a month</span>
              </dd>
            </div>
            <div className="budget-facts-wide">
              <dt>Month to date · {monthName(budget.period)}</dt>
              <dd>
                <BudgetProgress budget={budget} />
              </dd>
            </div>
            <div>
              <dt>Forecast this month</dt>
              <dd>
                <span data-testid="budget-forecast">{formatUsd(budget.forecastUsd)}</span>
                <span className="budget-fact-detail" data-testid="budget-forecast-range">
                  likely {formatForecastRange(budget)}
                </span>
              </dd>
            </div>
            <div>
              <dt>Projected overrun</dt>
              <dd className="budget-overrun" data-kind={overrun.kind} data-testid="budget-overrun">
                {overrun.text}
              </dd>
            </div>
            <div>
              <dt>Status</dt>
              <dd data-testid="budget-status-reason">{statusReason(budget)}</dd>
            </div>
            <div>
              <dt>Alerts at</dt>
              <dd>
                <ul className="budget-thresholds" data-testid="budget-thresholds">
                  {marks.map((m) => (
                    <li key={m.percent} data-reached={m.reached}>
                      {m.label}
                      {m.reached ? (
                        <span className="budget-threshold-reached">
                          <span aria-hidden="true"> ✓</span>
                          <span className="sr-only"> reached</span>
                        </span>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
            <div>
              <dt>Time zone</dt>
              <dd data-testid="budget-timezone">{budget.timezone}</dd>
            </div>
          </dl>
          <BudgetBurnChart budget={budget} />
        </div>
        <BudgetHistoryChart rows={historyRows(budget.history)} subject={budget.subjectName} />
      </div>

      {error ? (
        <p className="action-error" role="alert" data-testid="budget-action-error">
          {error}
        </p>
      ) : null}

      {confirming ? (
        <InlineConfirm
          id={`${id}-confirm`}
          confirmLabel="Delete budget"
          onConfirm={() => {
            setConfirming(false);
            onDelete();
          }}
          onKeep={keep}
          testId="budget-delete-confirm"
        >
          Delete the budget for <strong>{budget.subjectName}</strong>? Its alerts stop at once; spend is kept.
        </InlineConfirm>
      ) : null}

      {editing ? <div className="budget-edit">{children}</div> : null}
    </li>
  );
}
