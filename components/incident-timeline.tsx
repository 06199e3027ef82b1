import { IncidentTime } from '@/components/incident-time';
import { describeEvent } from '@/lib/client/incident-labels';
import type { IncidentEvent } from '@/lib/client/incident-labels';

type IncidentTimelineProps = { events: readonly IncidentEvent[]; now: Date };

/** What happened to the incident, oldest first. */
export function IncidentTimeline({ events, now }: IncidentTimelineProps) {
  if (events.length === 0) return <p className="muted">Nothing has happened to this incident yet.</p>;
  return (
    <ol className="timeline" data-testid="incident-timeline">
      {events.map((event, i) => {
        const { title, detail } = describeEvent(event);
        return (
          <li key={`${event.at}-${i}`} className="timeline-event" data-type={event.type} data-testid="timeline-event">
            <span className="timeline-marker" aria-hidden="true" />
            <p className="timeline-title">{title}</p>
            {detail ? <p className="timeline-detail">{detail}</p> : null}
            <p className="timeline-time">
              <IncidentTime iso={event.at} now={now} />
            </p>
          </li>
        );
      })}
    </ol>
  );
}
