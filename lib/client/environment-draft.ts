import type { EnvironmentSettingsView, UpdateEnvironmentSettingsInput } from '@/lib/environments/environment-schemas';
import { settingsErrors, type RefusedSave, type SettingsErrors } from './settings-errors';

// An environment's settings form as plain data: the draft, a check before sending, the
// PATCH body (only what changed) and where the server's refusal goes.

export type EnvironmentField = 'timezone' | 'days' | 'start' | 'end';
export type EnvironmentErrors = SettingsErrors<EnvironmentField>;
export type EnvironmentDraft = { timezone: string; hoursOn: boolean; days: number[]; start: string; end: string };

/** ISO weekdays, Monday first. */
export const WEEKDAYS = [
  { day: 1, short: 'Mon', long: 'Monday' },
  { day: 2, short: 'Tue', long: 'Tuesday' },
  { day: 3, short: 'Wed', long: 'Wednesday' },
  { day: 4, short: 'Thu', long: 'Thursday' },
  { day: 5, short: 'Fri', long: 'Friday' },
  { day: 6, short: 'Sat', long: 'Saturday' },
  { day: 7, short: 'Sun', long: 'Sunday' },
] as const;

// Offered when an environment has none yet: a usual office week.
const DEFAULT_HOURS = { days: [1, 2, 3, 4, 5], start: '08:00', end: '19:00' };

export function environmentDraft(env: Pick<EnvironmentSettingsView, 'timezone' | 'workingHours'>): EnvironmentDraft {
  const hours = env.workingHours ?? DEFAULT_HOURS;
  return { timezone: env.timezone, hoursOn: env.workingHours !== null, days: [...hours.days].sort((a, b) => a - b), start: hours.start, end: hours.end };
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** What is wrong before sending (the server checks again, with the zone list it knows). */
export function checkEnvironmentDraft(draft: EnvironmentDraft): EnvironmentErrors | null {
  const fields: EnvironmentErrors['fields'] = {};
  if (draft.timezone.trim() === '') fields.timezone = 'enter a time zone such as Europe/Berlin or UTC';
  if (draft.hoursOn) {
    if (draft.days.length === 0) fields.days = 'tick at least one working day, or turn working hours off';
    if (!HHMM.test(draft.start)) fields.start = 'start is a time such as 08:00';
    if (!HHMM.test(draft.end)) fields.end = 'end is a time such as 19:00';
    else if (draft.start === draft.end) fields.end = 'end is the same as start; set an end such as 18:00';
  }
  return Object.keys(fields).length > 0 ? { fields, general: null } : null;
}

/** The PATCH body, or null when nothing changed. */
export function environmentBody(draft: EnvironmentDraft, env: Pick<EnvironmentSettingsView, 'timezone' | 'workingHours'>): UpdateEnvironmentSettingsInput | null {
  const body: UpdateEnvironmentSettingsInput = {};
  const timezone = draft.timezone.trim();
  if (timezone !== env.timezone) body.timezone = timezone;
  const hours = draft.hoursOn ? { days: [...draft.days].sort((a, b) => a - b), start: draft.start, end: draft.end } : null;
  if (JSON.stringify(hours) !== JSON.stringify(env.workingHours && { ...env.workingHours, days: [...env.workingHours.days].sort((a, b) => a - b) })) body.workingHours = hours;
  return Object.keys(body).length > 0 ? body : null;
}

function fieldOf(path: string): EnvironmentField | null {
  if (path === 'timezone') return 'timezone';
  if (path.startsWith('workingHours.days')) return 'days';
  if (path === 'workingHours.start') return 'start';
  if (path === 'workingHours.end') return 'end';
  return null;
}

export function environmentErrors(error: RefusedSave): EnvironmentErrors {
  return settingsErrors(error, fieldOf);
}

/** "Mon–Fri 08:00–19:00 (Europe/Berlin)"; runs of days are joined with a dash. */
export function describeWorkingHours(hours: EnvironmentSettingsView['workingHours'], timezone: string): string {
  if (!hours) return `No working hours set (${timezone}): off-hours are learned from usage`;
  const days = [...new Set(hours.days)].sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const d of days) {
    const last = runs.at(-1);
    if (last && last.at(-1) === d - 1) last.push(d);
    else runs.push([d]);
  }
  const name = (d: number) => WEEKDAYS[d - 1]!.short;
  const text = runs.map((r) => (r.length >= 3 ? `${name(r[0]!)}–${name(r.at(-1)!)}` : r.map(name).join(', '))).join(', ');
  return `${text} ${hours.start}–${hours.end} (${timezone})`;
}
