// A refused settings save, split onto the form's fields. lib/http.ts words a bad body as
// "Invalid body: path: message; path: message"; domain refusals (a taken name, a provider
// that refused a key) are whole messages a form places with its own rules.

export type SettingsErrors<F extends string> = { fields: Partial<Record<F, string>>; general: string | null };

export type RefusedSave = { message: string; status?: number };

// A message may hold "; " itself; only "; " before the next "path: " starts an issue.
const ISSUE_SPLIT = /; (?=[A-Za-z][\w.]*: )/;

/**
 * Issues of an "Invalid body: …" message onto fields by their path (`fieldOf` maps
 * "workingHours.start" to a field, or to null for the general line); any other message is
 * general unless `place` names its field.
 */
export function settingsErrors<F extends string>(error: RefusedSave, fieldOf: (path: string) => F | null, place: (error: RefusedSave) => F | null = () => null): SettingsErrors<F> {
  const result: SettingsErrors<F> = { fields: {}, general: null };
  const body = /^Invalid body: (.+)$/s.exec(error.message);
  if (!body) {
    const field = place(error);
    if (field) result.fields[field] = error.message;
    else result.general = error.message;
    return result;
  }
  const rest: string[] = [];
  for (const issue of body[1]!.split(ISSUE_SPLIT)) {
    const match = /^([A-Za-z][\w.]*): (.+)$/s.exec(issue);
    const field = match ? fieldOf(match[1]!) : null;
    if (match && field) result.fields[field] ??= match[2]!;
    else rest.push(match && match[1] === 'body' ? match[2]! : issue);
  }
  if (rest.length > 0) result.general = rest.join('; ');
  return result;
}

/** A field of the form when the path's first segment is one, e.g. "name" or "adminKey". */
export const topLevelField =
  <F extends string>(fields: readonly F[]) =>
  (path: string): F | null => {
    const head = path.split('.')[0]!;
    return (fields as readonly string[]).includes(head) ? (head as F) : null;
  };
