// Time zones: Europe/Berlin (UTC+1 in winter, +2 in summer) and UTC, as each case says.
import { describe, expect, it } from 'vitest';
import { isWorkingTime, toWorkingHours, workingHoursSchema } from './working-hours';

const office = toWorkingHours({ days: [1, 2, 3, 4, 5], start: '08:00', end: '19:00' }, 'Europe/Berlin');

describe('isWorkingTime', () => {
  it.each([
    ['Monday 07:59 Berlin', '2026-01-05T06:59:00Z', false],
    ['Monday 08:00 Berlin', '2026-01-05T07:00:00Z', true],
    ['Monday 18:59 Berlin', '2026-01-05T17:59:00Z', true],
    ['Monday 19:00 Berlin', '2026-01-05T18:00:00Z', false],
    ['Saturday 10:00 Berlin', '2026-01-10T09:00:00Z', false],
    ['summer: Monday 08:30 Berlin is 06:30 UTC', '2026-07-06T06:30:00Z', true],
  ])('%s', (_, iso, expected) => {
    expect(isWorkingTime(office, Date.parse(iso))).toBe(expected);
  });

  it('wraps a night shift past midnight onto the day it started', () => {
    const night = toWorkingHours({ days: [5], start: '22:00', end: '06:00' }, 'UTC');
    expect(isWorkingTime(night, Date.parse('2026-01-09T23:00:00Z'))).toBe(true); // Friday 23:00
    expect(isWorkingTime(night, Date.parse('2026-01-10T05:00:00Z'))).toBe(true); // Saturday 05:00, Friday's shift
    expect(isWorkingTime(night, Date.parse('2026-01-10T23:00:00Z'))).toBe(false); // Saturday 23:00
  });

  it('rejects malformed configuration with messages that say the format', () => {
    expect(workingHoursSchema.safeParse({ days: [1], start: '8am', end: '19:00' }).error?.issues[0]?.message).toMatch(/HH:MM/);
    expect(workingHoursSchema.safeParse({ days: [0], start: '08:00', end: '19:00' }).success).toBe(false);
  });
});
