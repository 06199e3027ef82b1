import { SEVERITY_LABELS } from '@/lib/client/incident-labels';
import type { Severity } from '@/lib/client/incident-labels';

// A shape per level as well as a colour, and always the word: colour is never the only signal.
const SEVERITY_ICONS: Record<Severity, string> = {
  info: '○',
  warning: '▲',
  error: '◆',
  critical: '✖',
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span className="severity" data-severity={severity} data-testid="severity-badge">
      <span className="severity-icon" aria-hidden="true">
        {SEVERITY_ICONS[severity]}
      </span>
      {SEVERITY_LABELS[severity]}
    </span>
  );
}
