import { formatRelativeTime } from '@/lib/client/format';
import type { Health } from '@/lib/usage/overview-schemas';

// The overview's one health line: the first thing that is wrong (database, scheduler,
// detection, a connection), else when the collector last beat and how recent the usage
// detection has judged is.

const MINUTE_MS = 60_000;

export function healthDetail(health: Health, now: Date): string {
  if (!health.database.ok) return `Database: ${health.database.error ?? 'unreachable'}`;
  if (!health.scheduler.ok) return `Scheduler: ${health.scheduler.detail}`;
  if (!health.detection.ok) return `Detection: ${health.detection.detail}`;
  const failing = health.connections.find((c) => !c.ok);
  if (failing) return `${failing.name}: ${failing.error ?? 'failing'}`;
  const beat = health.scheduler.lastHeartbeatAt;
  if (!beat) return health.scheduler.detail;
  const through = health.detection.throughAt;
  const judged = through === null ? '' : ` · usage judged up to ${now.getTime() - Date.parse(through) < MINUTE_MS ? 'the last minute' : formatRelativeTime(through, now)}`;
  return `Collector heartbeat ${formatRelativeTime(beat, now)}${judged}`;
}
