import { z } from 'zod';

// Working hours an environment may configure (environment.working_hours): the days and the
// local time window people work, in the environment's zone. Pure helpers; the JSON column
// is checked with the schema when it is read.

export const workingHoursSchema = z.object({
  /** ISO weekdays: 1 = Monday ... 7 = Sunday. */
  days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
  start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'start is HH:MM, such as 08:00'),
  end: z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'end is HH:MM, such as 19:00'),
});
export type WorkingHoursConfig = z.infer<typeof workingHoursSchema>;

/** Working hours as the detectors take them: minutes of the local day, in a zone. */
export interface WorkingHours {
  timezone: string;
  days: readonly number[];
  startMinute: number;
  endMinute: number;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function toWorkingHours(config: WorkingHoursConfig, timezone: string): WorkingHours {
  return { timezone, days: config.days, startMinute: minutes(config.start), endMinute: minutes(config.end) };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Whether an instant falls inside the working hours (a window past midnight wraps). */
export function isWorkingTime(hours: WorkingHours, epochMs: number): boolean {
  let f = formatters.get(hours.timezone);
  if (!f) formatters.set(hours.timezone, (f = new Intl.DateTimeFormat('en-US', { timeZone: hours.timezone, weekday: 'short', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' })));
  let day = 0;
  let minute = 0;
  for (const p of f.formatToParts(epochMs)) {
    if (p.type === 'weekday') day = WEEKDAYS.indexOf(p.value) + 1;
    else if (p.type === 'hour') minute += (Number(p.value) % 24) * 60;
    else if (p.type === 'minute') minute += Number(p.value);
  }
  const { startMinute: a, endMinute: b } = hours;
  if (a <= b) return hours.days.includes(day) && minute >= a && minute < b;
  // e.g. 22:00-06:00: the evening belongs to the day it starts, the early morning to the day before.
  if (minute >= a) return hours.days.includes(day);
  return minute < b && hours.days.includes(day === 1 ? 7 : day - 1);
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
