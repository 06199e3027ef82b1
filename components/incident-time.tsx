import { formatPointLabel, formatRelativeTime } from '@/lib/client/format';

type IncidentTimeProps = {
  iso: string;
  /** The moment relative times are measured from, so rendering stays pure. */
  now: Date;
  /** One line ("5 min ago · Nov 23, 2025, 14:05 UTC") or two stacked lines. */
  layout?: 'inline' | 'stacked';
};

/** A moment shown both ways: relative for a glance, absolute (UTC) to compare with logs. */
export function IncidentTime({ iso, now, layout = 'inline' }: IncidentTimeProps) {
  const absolute = formatPointLabel(iso, '24h');
  return (
    <time dateTime={iso} className={`incident-time incident-time-${layout}`}>
      <span>{formatRelativeTime(iso, now)}</span>
      {layout === 'inline' ? <span aria-hidden="true"> · </span> : <span className="sr-only">, </span>}
      <span className="incident-time-absolute">{absolute}</span>
    </time>
  );
}
