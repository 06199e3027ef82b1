import { describe, expect, it } from 'vitest';
import { createLocalClock, hoursOfWeek } from './local-clock';

describe('createLocalClock', () => {
  it.each([
    ['UTC', '2026-01-05T00:00:00Z', 0, '2026-01-05 00:00'],
    ['UTC', '2026-01-11T23:59:00Z', 167, '2026-01-11 23:59'],
    ['Asia/Tokyo', '2026-01-04T15:30:00Z', 0, '2026-01-05 00:30'],
    ['America/New_York', '2026-01-05T04:59:00Z', 6 * 24 + 23, '2026-01-04 23:59'],
    // Europe/Berlin spring forward, Sunday 2026-03-29: 01:59 CET is followed by 03:00 CEST.
    ['Europe/Berlin', '2026-03-29T00:59:00Z', 6 * 24 + 1, '2026-03-29 01:59'],
    ['Europe/Berlin', '2026-03-29T01:00:00Z', 6 * 24 + 3, '2026-03-29 03:00'],
    // Fall back, Sunday 2026-10-25: 02:00-03:00 local happens twice.
    ['Europe/Berlin', '2026-10-25T00:30:00Z', 6 * 24 + 2, '2026-10-25 02:30'],
    ['Europe/Berlin', '2026-10-25T01:30:00Z', 6 * 24 + 2, '2026-10-25 02:30'],
    ['Europe/Berlin', '2026-10-25T02:00:00Z', 6 * 24 + 3, '2026-10-25 03:00'],
    ['Asia/Kolkata', '2026-01-05T00:20:00Z', 5, '2026-01-05 05:50'],
  ])('%s %s -> hour of week %i, %s', (zone, iso, hourOfWeek, localTime) => {
    const slot = createLocalClock(zone)(Date.parse(iso));
    expect(slot).toEqual({ hourOfWeek, hourOfDay: hourOfWeek % 24, localTime });
  });

  it('agrees with Intl every 53 minutes of a year, across both transitions, in zones with odd offsets', () => {
    for (const zone of ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'UTC']) {
      const format = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
      const clock = createLocalClock(zone);
      for (let t = Date.parse('2026-01-01T00:07:00Z'); t < Date.parse('2027-01-01T00:00:00Z'); t += 53 * 60_000) {
        const p = Object.fromEntries(format.formatToParts(t).map((x) => [x.type, x.value]));
        expect(clock(t).localTime, `${zone} ${new Date(t).toISOString()}`).toBe(`${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`);
      }
    }
  }, 60_000);

  it('throws for a zone Intl does not know', () => {
    expect(() => createLocalClock('Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('hoursOfWeek', () => {
  const WEEKDAYS: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

  it('agrees with Intl for every hour of a year, across both transitions, in zones with odd offsets', () => {
    const from = Date.parse('2026-01-01T00:00:00Z');
    const count = 365 * 24;
    for (const zone of ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham', 'UTC']) {
      const format = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hourCycle: 'h23', weekday: 'short', hour: '2-digit' });
      const slots = hoursOfWeek(zone, from, count);
      for (let i = 0; i < count; i++) {
        const t = from + i * 3_600_000;
        const p = Object.fromEntries(format.formatToParts(t).map((x) => [x.type, x.value]));
        expect(slots[i], `${zone} ${new Date(t).toISOString()}`).toBe(WEEKDAYS[p.weekday!]! * 24 + Number(p.hour));
      }
    }
  }, 60_000);

  it('starts from an hour that is not a whole UTC hour (a zone 45 minutes off)', () => {
    // 2026-01-04T18:15Z is Monday 00:00 in Asia/Kathmandu (+05:45).
    expect([...hoursOfWeek('Asia/Kathmandu', Date.parse('2026-01-04T18:15:00Z'), 3)]).toEqual([0, 1, 2]);
  });
});
