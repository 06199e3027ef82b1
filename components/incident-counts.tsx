import Link from 'next/link';
import { formatInteger } from '@/lib/client/format';
import type { IncidentsPage } from '@/lib/incidents/incident-schemas';

/** What is on on-call's plate: open and acknowledged counts, each a link to that list. */
export function IncidentCounts({ counts }: { counts: IncidentsPage['counts'] }) {
  return (
    <p className="incident-counts" data-testid="incident-counts">
      <Link href="/incidents?status=open">
        <strong>{formatInteger(counts.open)}</strong> open
      </Link>
      <span aria-hidden="true"> · </span>
      <Link href="/incidents?status=acknowledged">
        <strong>{formatInteger(counts.acknowledged)}</strong> acknowledged
      </Link>
    </p>
  );
}
