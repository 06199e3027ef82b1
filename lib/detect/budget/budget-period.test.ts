import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysInMonth, elapsedFraction, localDateAt, monthPeriod, monthPeriodAt, startOfLocalDay, weekdayOf } from './budget-period';

// About time zones: each case names its zone; the process runs in UTC.

const iso = (ms: number) => new Date(ms).toISOString();

describe('monthPeriod', () => {
  it.each([
    // zone, year, month, start (UTC), end (UTC), days, hours
    ['Europe/Berlin', 2026, 3, '2026-02-28T23:00:00.000Z', '2026-03-31T22:00:00.000Z', 31, 743],
    ['Europe/Berlin', 2026, 10, '2026-09-30T22:00:00.000Z', '2026-10-31T23:00:00.000Z', 31, 745],
    ['Europe/Berlin', 2026, 6, '2026-05-31T22:00:00.000Z', '2026-06-30T22:00:00.000Z', 30, 720],
    ['America/New_York', 2026, 3, '2026-03-01T05:00:00.000Z', '2026-04-01T04:00:00.000Z', 31, 743],
    ['America/New_York', 2026, 11, '2026-11-01T04:00:00.000Z', '2026-12-01T05:00:00.000Z', 30, 721],
    // Half-hour DST: +11:00 to +10:30 on 5 April, back on 4 October.
    ['Australia/Lord_Howe', 2026, 4, '2026-03-31T13:00:00.000Z', '2026-04-30T13:30:00.000Z', 30, 720.5],
    ['Australia/Lord_Howe', 2026, 10, '2026-09-30T13:30:00.000Z', '2026-10-31T13:00:00.000Z', 31, 743.5],
    // Samoa skipped 30 December 2011 crossing the date line: 31 calendar days, 30 real ones.
    ['Pacific/Apia', 2011, 12, '2011-12-01T10:00:00.000Z', '2011-12-31T10:00:00.000Z', 31, 720],
    ['Pacific/Apia', 2012, 4, '2012-03-31T10:00:00.000Z', '2012-04-30T11:00:00.000Z', 30, 721],
    ['Pacific/Apia', 2012, 9, '2012-08-31T11:00:00.000Z', '2012-09-30T10:00:00.000Z', 30, 719],
    // 1 October 2023 began in a DST gap (00:00 -> 01:00), so the month starts at 01:00 local.
    ['America/Asuncion', 2023, 10, '2023-10-01T04:00:00.000Z', '2023-11-01T03:00:00.000Z', 31, 743],
    ['UTC', 2024, 2, '2024-02-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z', 29, 696],
    ['UTC', 2026, 2, '2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z', 28, 672],
    ['Asia/Kolkata', 2025, 2, '2025-01-31T18:30:00.000Z', '2025-02-28T18:30:00.000Z', 28, 672],
    ['Asia/Tokyo', 2026, 12, '2026-11-30T15:00:00.000Z', '2026-12-31T15:00:00.000Z', 31, 744],
  ])('%s %i-%i: %s .. %s, %i days, %f hours', (zone, year, month, start, end, days, hours) => {
    const p = monthPeriod(year, month, zone);
    expect([iso(p.startMs), iso(p.endMs), p.days, p.hours]).toEqual([start, end, days, hours]);
    expect(p.label).toBe(`${year}-${String(month).padStart(2, '0')}`);
  });

  it('rejects an unknown zone with a message that says what to use', () => {
    expect(() => monthPeriod(2026, 1, 'Mars/Olympus')).toThrow(/IANA name/);
  });
});

describe('daysInMonth', () => {
  it.each([
    [2026, 1, 31],
    [2026, 2, 28],
    [2024, 2, 29],
    [2000, 2, 29],
    [2100, 2, 28],
    [2026, 4, 30],
    [2026, 12, 31],
  ])('%i-%i has %i days', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });
});

describe('monthPeriodAt', () => {
  it.each([
    // 23:30 local on 31 October is still October; 00:30 on 1 November is November.
    ['Europe/Berlin', '2026-10-31T22:30:00Z', '2026-10'],
    ['Europe/Berlin', '2026-10-31T23:30:00Z', '2026-11'],
    ['America/New_York', '2026-01-01T04:30:00Z', '2025-12'],
    ['America/New_York', '2026-01-01T05:30:00Z', '2026-01'],
    ['Asia/Tokyo', '2026-03-31T14:30:00Z', '2026-03'],
    ['Asia/Tokyo', '2026-03-31T15:30:00Z', '2026-04'],
    ['UTC', '2026-03-31T23:59:59.999Z', '2026-03'],
    ['UTC', '2026-04-01T00:00:00Z', '2026-04'],
    // Asuncion fell back at 00:00 on 24 March 2024: 23:30 on the 23rd happened twice.
    ['America/Asuncion', '2024-03-24T03:30:00Z', '2024-03'],
  ])('%s %s is in %s', (zone, at, label) => {
    expect(monthPeriodAt(Date.parse(at), zone).label).toBe(label);
  });

  it('puts every instant in the month that contains it, and months tile time', () => {
    const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Apia', 'America/Asuncion', 'Asia/Kathmandu'];
    const instant = fc.integer({ min: Date.parse('2005-01-01T00:00:00Z'), max: Date.parse('2035-12-31T00:00:00Z') });
    fc.assert(
      fc.property(instant, fc.constantFrom(...zones), (t, zone) => {
        const p = monthPeriodAt(t, zone);
        expect(p.startMs).toBeLessThanOrEqual(t);
        expect(t).toBeLessThan(p.endMs);
        expect(monthPeriodAt(p.endMs, zone).startMs).toBe(p.endMs);
        expect(monthPeriodAt(p.startMs - 1, zone).endMs).toBe(p.startMs);
        expect(p.hours).toBeGreaterThanOrEqual(p.days * 24 - 24);
        expect(p.hours).toBeLessThanOrEqual(p.days * 24 + 1);
      }),
      { numRuns: 300 },
    );
  });
});

describe('startOfLocalDay and calendar helpers', () => {
  it('starts a day at the DST transition when its midnight does not exist', () => {
    expect(iso(startOfLocalDay({ year: 2023, month: 10, day: 1 }, 'America/Asuncion'))).toBe('2023-10-01T04:00:00.000Z');
  });

  it('gives the skipped Samoan day no length', () => {
    const d30 = startOfLocalDay({ year: 2011, month: 12, day: 30 }, 'Pacific/Apia');
    expect(d30).toBe(startOfLocalDay({ year: 2011, month: 12, day: 31 }, 'Pacific/Apia'));
  });

  it('reads local dates and weekdays', () => {
    expect(localDateAt(Date.parse('2026-10-31T23:30:00Z'), 'Europe/Berlin')).toEqual({ year: 2026, month: 11, day: 1 });
    expect(addDays({ year: 2024, month: 2, day: 28 }, 1)).toEqual({ year: 2024, month: 2, day: 29 });
    expect(addDays({ year: 2026, month: 1, day: 1 }, -1)).toEqual({ year: 2025, month: 12, day: 31 });
    expect(weekdayOf({ year: 2026, month: 1, day: 5 })).toBe(0); // a Monday
    expect(weekdayOf({ year: 2026, month: 1, day: 11 })).toBe(6);
  });
});

describe('elapsedFraction', () => {
  const march = monthPeriod(2026, 3, 'Europe/Berlin');
  it.each([
    [march.startMs - 1, 0],
    [march.startMs, 0],
    // After the spring-forward day, fractions count real hours: 24 * 29 of 743.
    [Date.parse('2026-03-29T22:00:00Z'), (29 * 24 - 1) / 743],
    [march.endMs, 1],
  ])('at %i: %f', (at, fraction) => {
    expect(elapsedFraction(march, at)).toBeCloseTo(fraction, 12);
  });
});
