import type { ReactNode } from 'react';
import { formatInteger, formatPointLabel, formatUsd } from '@/lib/client/format';
import { formatBudgetPercent, formatMultiple, toEvidenceView } from '@/lib/client/incident-evidence';
import { formatCount, formatUsdPrecise } from '@/lib/client/incident-evidence-fields';
import type { Breakdown, BudgetStanding, Comparison } from '@/lib/client/incident-evidence';

type IncidentEvidenceProps = { evidence: Record<string, unknown> };

/** What the detector saw: known fields laid out, the rest as a plain list. */
export function IncidentEvidence({ evidence }: IncidentEvidenceProps) {
  const view = toEvidenceView(evidence);
  const nothing =
    !view.comparison && !view.budget && view.models.length === 0 && view.regions.length === 0 && view.alsoFound.length === 0 && view.other.length === 0;
  if (nothing) return <p className="muted">The detector recorded no evidence for this incident.</p>;

  return (
    <div className="evidence" data-testid="incident-evidence">
      {view.comparison ? <ComparisonFacts comparison={view.comparison} /> : null}
      {view.budget ? <BudgetFacts budget={view.budget} /> : null}
      {view.models.length > 0 ? <BreakdownTable title="Models" nameLabel="Model" rows={view.models} testId="evidence-models" /> : null}
      {view.regions.length > 0 ? <BreakdownTable title="Regions" nameLabel="Region" rows={view.regions} testId="evidence-regions" /> : null}
      {view.alsoFound.length > 0 ? (
        <div className="evidence-block">
          <h3 className="evidence-heading">Also found in the same bucket</h3>
          <ul className="evidence-list">
            {view.alsoFound.map((f, i) => (
              <li key={i}>
                <strong>{f.kind}</strong>
                {f.summary ? `: ${f.summary}` : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {view.other.length > 0 ? (
        <div className="evidence-block">
          <h3 className="evidence-heading">Details</h3>
          <dl className="evidence-details" data-testid="evidence-details">
            {view.other.map((field) => (
              <div key={field.key}>
                <dt>{field.label}</dt>
                <dd>{field.value}</dd>
              </div>
            ))}
          </dl>
        </div>
      ) : null}
    </div>
  );
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="fact" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

const usdOrDash = (v: number | null) => (v === null ? '—' : formatUsd(v));

function ComparisonFacts({ comparison: c }: { comparison: Comparison }) {
  return (
    <dl className="facts" data-testid="evidence-comparison">
      {c.observedUsd !== null ? (
        <Fact label="Observed" testId="evidence-observed">
          {formatUsdPrecise(c.observedUsd)}
        </Fact>
      ) : null}
      {c.expectedUsd !== null ? (
        <Fact label="Expected" testId="evidence-expected">
          {formatUsdPrecise(c.expectedUsd)}
        </Fact>
      ) : null}
      {c.multiple !== null || c.expectedUsd !== null ? (
        <Fact label="Multiple" testId="evidence-multiple">
          {formatMultiple(c.multiple, c.expectedUsd)}
        </Fact>
      ) : null}
      {c.score !== null ? <Fact label="Score">{c.score.toFixed(1)}</Fact> : null}
      {c.requests !== null ? (
        <Fact label="Requests">
          {formatCount(c.requests)}
          {c.expectedRequests !== null ? <span className="fact-detail"> vs {formatCount(c.expectedRequests)} expected</span> : null}
        </Fact>
      ) : null}
      {c.localTime ? <Fact label="Key’s local time">{c.localTime}</Fact> : null}
    </dl>
  );
}

function BudgetFacts({ budget: b }: { budget: BudgetStanding }) {
  const over = b.percent !== null && b.percent >= 100;
  return (
    <dl className="facts" data-testid="evidence-budget">
      <Fact label="Spent this period">
        {usdOrDash(b.monthToDateUsd)}
        {b.budgetUsd !== null ? <span className="fact-detail"> of {formatUsd(b.budgetUsd)}</span> : null}
      </Fact>
      {b.percent !== null ? (
        <Fact label="Budget used">
          <span className={over ? 'budget-over' : undefined}>
            {formatBudgetPercent(b.percent)}
            {over ? ' (over budget)' : ''}
          </span>
          <meter className="budget-meter" min={0} max={100} low={80} high={99.99} optimum={0} value={Math.min(b.percent, 100)} aria-label="Budget used" />
        </Fact>
      ) : null}
      {b.forecastUsd !== null ? (
        <Fact label="Forecast for the period">
          {formatUsd(b.forecastUsd)}
          {b.forecastLowUsd !== null && b.forecastHighUsd !== null ? (
            <span className="fact-detail">
              {' '}
              (likely {formatUsd(b.forecastLowUsd)} to {formatUsd(b.forecastHighUsd)})
            </span>
          ) : null}
        </Fact>
      ) : null}
      {b.budgetUsd !== null ? (
        <Fact label="Projected to cross the budget">{b.projectedCrossingAt ? formatPointLabel(b.projectedCrossingAt, '24h') : 'Not this period'}</Fact>
      ) : null}
      {b.periodStart && b.periodEnd ? (
        <Fact label="Period">
          {formatPointLabel(b.periodStart, '24h')} to {formatPointLabel(b.periodEnd, '24h')}
        </Fact>
      ) : null}
    </dl>
  );
}

function BreakdownTable({ title, nameLabel, rows, testId }: { title: string; nameLabel: string; rows: readonly Breakdown[]; testId: string }) {
  const hasCost = rows.some((r) => r.costUsd !== null);
  const hasRequests = rows.some((r) => r.requests !== null);
  const hasShare = rows.some((r) => r.pastShare !== null);
  return (
    <div className="evidence-block">
      <table className="table evidence-table" data-testid={testId}>
        <caption className="evidence-heading">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{nameLabel}</th>
            {hasCost ? <th scope="col" className="numeric">Cost</th> : null}
            {hasRequests ? <th scope="col" className="numeric">Requests</th> : null}
            {hasShare ? <th scope="col" className="numeric">Share before</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={`${row.name}-${i}`}>
              <th scope="row">{row.name}</th>
              {hasCost ? <td className="numeric">{row.costUsd === null ? '—' : formatUsdPrecise(row.costUsd)}</td> : null}
              {hasRequests ? <td className="numeric">{row.requests === null ? '—' : formatInteger(row.requests)}</td> : null}
              {hasShare ? <td className="numeric">{row.pastShare === null ? '—' : `${(row.pastShare * 100).toFixed(1)}%`}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
