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
      <StatCard label="API keys" value={formatInteger(summary.keyCount)} detail="Watched keys" testId="stat-key-count" />
      <StatCard label="Environments" value={formatInteger(summary.environmentCount)} testId="stat-environment-count" />
    </dl>
  );
}

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
