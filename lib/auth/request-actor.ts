import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/incidents/incident-actions';

// Who is making a request, for incident timelines and the audit log: the signed-in user,
// as route() found them in the session before calling the handler. Handlers can also take
// `actor` from route()'s input; this is for code that only holds the Request.
const actors = new WeakMap<Request, Actor>();

export function bindActor(request: Request, actor: Actor): void {
  actors.set(request, actor);
}

export function requestActor(request: Request): Actor {
  const actor = actors.get(request);
  // Fails closed: a handler outside route(), or a public one, has no user to record.
  if (!actor) throw new AppError('internal', 'No signed-in user for this request: route handlers that record who acted need an access rule other than public');
  return actor;
}
