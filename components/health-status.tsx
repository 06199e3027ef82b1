import { healthDetail } from '@/lib/client/health-detail';
import type { Health } from '@/lib/usage/overview-schemas';

const STATUS_LABELS: Record<Health['status'], string> = {
  ok: 'All systems normal',
  degraded: 'Degraded',
  down: 'Down',
};

type HealthStatusProps = {
  health: Health | undefined;
  error: Error | null;
  /** When the health answer was received; heartbeat ages are measured from it. */
  now: Date;
};

/** One line about the collector and detection: if this is red, figures are stale or pages wait. */
export function HealthStatus({ health, error, now }: HealthStatusProps) {
  if (!health) {
    const text = error ? `Health unknown: ${error.message}` : 'Checking health…';
    return (
      <p className="health" data-status={error ? 'down' : 'unknown'} data-testid="health-status">
        <span className="health-dot" aria-hidden="true" />
        {text}
      </p>
    );
  }
  return (
    <p className="health" data-status={health.status} data-testid="health-status">
      <span className="health-dot" aria-hidden="true" />
      <span className="health-label">{STATUS_LABELS[health.status]}</span>
      <span className="health-detail">{healthDetail(health, now)}</span>
    </p>
  );
}
