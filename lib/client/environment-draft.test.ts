import { describe, expect, it } from 'vitest';
import { checkEnvironmentDraft, describeWorkingHours, environmentBody, environmentDraft, environmentErrors } from './environment-draft';

const env = { timezone: 'UTC', workingHours: null };
const hours = { days: [1, 2, 3, 4, 5], start: '08:00', end: '19:00' };

describe('environment form', () => {
  it('starts from the stored settings, or an office week switched off', () => {
    expect(environmentDraft(env)).toEqual({ timezone: 'UTC', hoursOn: false, ...hours });
    expect(environmentDraft({ timezone: 'Europe/Berlin', workingHours: { days: [3, 1], start: '09:00', end: '17:00' } })).toEqual({ timezone: 'Europe/Berlin', hoursOn: true, days: [1, 3], start: '09:00', end: '17:00' });
  });

  it.each([
    [{ timezone: ' ', hoursOn: false, ...hours }, { timezone: 'enter a time zone such as Europe/Berlin or UTC' }],
    [{ timezone: 'UTC', hoursOn: true, ...hours, days: [] }, { days: 'tick at least one working day, or turn working hours off' }],
    [{ timezone: 'UTC', hoursOn: true, ...hours, end: '08:00' }, { end: 'end is the same as start; set an end such as 18:00' }],
    [{ timezone: 'UTC', hoursOn: true, ...hours, start: '' }, { start: 'start is a time such as 08:00' }],
    [{ timezone: 'UTC', hoursOn: false, ...hours, days: [] }, null],
  ])('checks %j', (draft, fields) => {
    expect(checkEnvironmentDraft(draft)).toEqual(fields && { fields, general: null });
  });

  it('sends only what changed', () => {
    expect(environmentBody({ timezone: 'UTC', hoursOn: false, ...hours }, env)).toBeNull();
    expect(environmentBody({ timezone: 'Europe/Berlin', hoursOn: true, ...hours, days: [5, 1] }, env)).toEqual({ timezone: 'Europe/Berlin', workingHours: { days: [1, 5], start: '08:00', end: '19:00' } });
    expect(environmentBody({ timezone: 'UTC', hoursOn: false, ...hours }, { timezone: 'UTC', workingHours: hours })).toEqual({ workingHours: null });
    expect(environmentBody({ timezone: 'UTC', hoursOn: true, ...hours, days: [5, 4, 3, 2, 1] }, { timezone: 'UTC', workingHours: hours })).toBeNull();
  });

  it('puts the server’s issues on the fields', () => {
    expect(environmentErrors({ status: 400, message: 'Invalid body: timezone: use an IANA time zone name; workingHours.days.1: Too big; workingHours.end: end is HH:MM' })).toEqual({
      fields: { timezone: 'use an IANA time zone name', days: 'Too big', end: 'end is HH:MM' },
      general: null,
    });
  });

  it.each([
    [hours, 'Mon–Fri 08:00–19:00 (UTC)'],
    [{ days: [1, 2, 4, 6, 7], start: '22:00', end: '06:00' }, 'Mon, Tue, Thu, Sat, Sun 22:00–06:00 (UTC)'],
    [null, 'No working hours set (UTC): off-hours are learned from usage'],
  ])('describes %j', (h, text) => {
    expect(describeWorkingHours(h, 'UTC')).toBe(text);
  });
});
