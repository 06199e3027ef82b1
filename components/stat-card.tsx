import type { ReactNode } from 'react';

type StatCardProps = {
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  /** Colour hint only; the value and detail must say the same thing in words. */
  tone?: 'neutral' | 'good' | 'bad';
  testId?: string;
};

export function StatCard({ label, value, detail, tone = 'neutral', testId }: StatCardProps) {
  return (
    <div className={`stat-card tone-${tone}`} data-testid={testId}>
      <dt className="stat-label">{label}</dt>
      <dd className="stat-value">{value}</dd>
      {detail ? <dd className="stat-detail">{detail}</dd> : null}
    </div>
  );
}
