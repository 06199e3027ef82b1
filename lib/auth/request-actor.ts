import type { Actor } from '@/lib/incidents/incident-actions';

// Who is making a request, for incident timelines and the audit log. Until sign-in exists
// every dashboard request is the same anonymous operator; the sign-in work replaces this
// with the session's user.
export function requestActor(_request: Request): Actor {
  return { id: null, label: 'dashboard' };
}
