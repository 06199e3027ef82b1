import { StatCard } from '@/components/stat-card';
import { computeChange, formatDate, formatInteger, formatPercent, formatUsd } from '@/lib/client/format';
import type { Change } from '@/lib/client/format';
import type { OverviewSummary } from '@/lib/usage/overview-schemas';

type SummaryStatsProps = { summary: OverviewSummary };

export function SummaryStats({ summary }: SummaryStatsProps) {
  const change = computeChange(summary.monthToDateUsd, summary.lastMonthSameDayUsd);
  const previous = formatUsd(summary.lastMonthSameDayUsd);
  return (
    <dl className="stat-grid">
      <StatCard
        label="Spend this month"
        value={formatUsd(summary.monthToDateUsd)}
        detail={`Since ${formatDate(summary.monthStart)} (UTC)`}
        testId="stat-month-spend"
      />
      <StatCard
        label="vs last month, same day"
        // More spend is the bad direction for a budget watcher.
        tone={change.direction === 'up' ? 'bad' : change.direction === 'down' ? 'good' : 'neutral'}
        value={<ChangeValue change={change} />}
        detail={`${previous} at this point last month`}
        testId="stat-month-change"
      />
      <StatCard
        label="Forecast to month end"
        value={formatUsd(summary.forecast.projectedUsd)}
        detail={`Likely ${formatUsd(summary.forecast.lowUsd)} – ${formatUsd(summary.forecast.highUsd)} by ${formatDate(lastMoment(summary.forecast.monthEnd))} (UTC), at the recent daily rate`}
        testId="stat-forecast"
      />
      <StatCard label="API keys" value={formatInteger(summary.keyCount)} detail="Watched keys" testId="stat-key-count" />
      <StatCard label="Environments" value={formatInteger(summary.environmentCount)} testId="stat-environment-count" />
    </dl>
  );
}

// The month's last day: `monthEnd` is the first instant of the next month.
const lastMoment = (monthEnd: string) => new Date(Date.parse(monthEnd) - 1).toISOString();

function ChangeValue({ change }: { change: Change }) {
  if (change.direction === 'flat') {
    return (
      <span className="change">
        <span aria-hidden="true">→ </span>No change
      </span>
    );
  }
  const arrow = change.direction === 'up' ? '▲' : '▼';
  const word = change.direction === 'up' ? 'Up' : 'Down';
  return (
    <span className="change">
      <span aria-hidden="true">{arrow} </span>
      {word} {change.ratio === null ? '(none last month)' : formatPercent(change.ratio)}
    </span>
  );
}
