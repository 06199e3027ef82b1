import { describe, expect, it } from 'vitest';
import { createOffHoursDetector } from './detect-off-hours';
import { HOUR, MONDAY, observation, runHours, type Row } from '@/lib/detect/eval/observation-fixture';
import type { Finding } from '@/lib/detect/eval/finding';
import { toWorkingHours } from './working-hours';

// TZ=UTC unless a case names a zone. $2 an hour when working, silent otherwise.
const working: Row[] = [{ requests: 100, costUsd: 2 }];
const weekday = (i: number) => Math.floor(i / 24) % 7 < 5;
const office = (i: number) => weekday(i) && i % 24 >= 9 && i % 24 < 17;
const nightly = (i: number) => i % 24 >= 1 && i % 24 < 4;
const plus = (base: (i: number) => boolean, at: number[], row: Row = working[0]!) => (i: number) => (base(i) ? working : at.includes(i) ? [row] : []);
const WEEK = 168;

describe('createOffHoursDetector', () => {
  it.each([
    ['an office key in office hours', plus(office, []), []],
    ['an office key used at 03:00 on a weekday in week 3', plus(office, [2 * WEEK + 3]), [2 * WEEK + 3]],
    ['an office key used on a Saturday noon (hour-of-week profile)', plus(office, [2 * WEEK + 5 * 24 + 12]), [2 * WEEK + 5 * 24 + 12]],
    ['a nightly batch key at 02:00 is not off-hours', plus(nightly, []), []],
    ['a nightly batch key at 14:00 is', plus(nightly, [2 * WEEK + 14]), [2 * WEEK + 14]],
    ['a trickle at night is not material', plus(office, [2 * WEEK + 3], { requests: 1, costUsd: 0.02 }), []],
    ['usage on day 1 is not judged (no profile yet)', plus(office, [3]), []],
  ])('%s', (_, rows, expected) => {
    expect(runHours(createOffHoursDetector(), 3 * WEEK, rows).map((x) => x.i)).toEqual(expected);
  });

  it.each([
    // A key spending a fifth of a cent an hour: its own working volume at 03:00 is material.
    ['at its working volume, in requests', 8, 0.002, [2 * WEEK + 3]],
    ['a stray request', 1, 0.0003, []],
  ])('a cheap office key used at 03:00: %s', (_, requests, costUsd, expected) => {
    const cheap: Row[] = [{ requests: 8, costUsd: 0.002 }];
    const rows = (i: number) => (office(i) ? cheap : i === 2 * WEEK + 3 ? [{ requests, costUsd }] : []);
    expect(runHours(createOffHoursDetector(), 3 * WEEK, rows).map((x) => x.i)).toEqual(expected);
  });

  it.each([
    // A staging key: $0.02 an hour from 8 requests in office hours, and a request or two at
    // 06:00 on odd days. Five requests there in one hour is Poisson noise of that trickle;
    // five at 03:00, where it never had one, is not.
    ['at 06:00, an hour with a trickle of requests', 6, []],
    ['at 03:00, an hour with none ever', 3, [2 * WEEK + 3]],
  ])('a few requests of a cheap key %s', (_, hour, expected) => {
    const at = 2 * WEEK + hour;
    const rows = (i: number): Row[] =>
      i === at ? [{ requests: 5, costUsd: 0.005 }] : office(i) ? [{ requests: 8, costUsd: 0.02 }] : i % 24 === 6 && i % 3 === 0 ? [{ requests: 2, costUsd: 0.0006 }] : [];
    expect(runHours(createOffHoursDetector(), 3 * WEEK, rows).map((x) => x.i)).toEqual(expected);
  });

  it('does not learn the hours of a dormant spell as idle', () => {
    // Office hours in week 1, dormant in weeks 2-4, back to office hours in week 5: its
    // working hours are not judged idle by the empty weeks.
    const back = (i: number) => (i < WEEK || i >= 4 * WEEK) && office(i);
    expect(runHours(createOffHoursDetector(), 5 * WEEK, (i) => (back(i) ? working : [])).map((x) => x.i)).toEqual([]);
  });

  it('a key with no history is never judged before it has a profile', () => {
    expect(runHours(createOffHoursDetector(), 40, (i) => (i === 39 ? working : []))).toEqual([]);
  });

  // Europe/Berlin, on purpose: 2026-03-29 02:00 local jumps to 03:00; office hours follow
  // the local clock, so they move an hour in UTC and must not page.
  it('follows local office hours across the Europe/Berlin daylight-saving change', () => {
    const start = Date.parse('2026-03-08T23:00:00Z'); // Monday 2026-03-09 00:00 CET
    const local = (i: number) => Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: 'numeric', hourCycle: 'h23' }).format(start + i * HOUR));
    const day = (i: number) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', weekday: 'short' }).format(start + i * HOUR);
    const at = 22 * 24 + 1; // 2026-03-31 00:00Z = 02:00 CEST, a Tuesday night
    const officeLocal = (i: number) => !['Sat', 'Sun'].includes(day(i)) && local(i) >= 9 && local(i) < 17;
    const found = runHours(createOffHoursDetector(), 4 * WEEK, (i) => (officeLocal(i) || i === at ? working : []), { start, timezone: 'Europe/Berlin' });
    expect(found.map((x) => x.i)).toEqual([at]);
    expect(found[0]?.f).toMatchObject({ kind: 'off_hours', evidence: { localTime: '2026-03-31 02:00', profile: 'hour_of_week' } });
  });
});

describe('minute buckets: the trailing hour counts only idle hours', () => {
  const MINUTE = 60_000;
  // A nightly batch, 01:00-04:00 UTC at $8 an hour. Its hour before 04:00 was busy: a straggler
  // request in the first minutes of 04:00 is not off-hours.
  const run = (minutes: number, at: (m: number) => readonly Row[]) => {
    const detector = createOffHoursDetector();
    const found: { m: number; f: Finding }[] = [];
    for (let m = 0; m < minutes; m++) for (const f of detector.observe(observation(MONDAY + m * MINUTE, m, at(m), { bucketSeconds: 60 }))) found.push({ m, f });
    return found;
  };
  const batch = (m: number): Row[] => {
    const hour = Math.floor(m / 60) % 24;
    return hour >= 1 && hour < 4 ? [{ requests: 40, costUsd: 8 / 60 }] : [];
  };
  const DAYS = 7;

  it('a batch that ends at 04:00 is not off-hours at 04:01 because of the busy hour behind it', () => {
    const straggler = (m: number): Row[] => (Math.floor(m / 60) % 24 === 4 && m % 60 < 3 ? [{ requests: 1, costUsd: 0.001 }] : batch(m));
    expect(run(DAYS * 1440, straggler)).toEqual([]);
  });

  it('real use at 04:00 still pages, within minutes, from the idle minutes alone', () => {
    // Day 6: in a key's first days after its profile is ready, its first minutes of use at an
    // idle hour are learnt before they are material and can make the hour look used.
    const abuseAt = 5 * 1440 + 4 * 60;
    const abuse = (m: number): Row[] => (m >= abuseAt && m < abuseAt + 30 ? [{ requests: 40, costUsd: 8 / 60 }] : batch(m));
    const found = run(DAYS * 1440, abuse);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]!.m).toBeGreaterThanOrEqual(abuseAt);
    expect(found[0]!.m).toBeLessThan(abuseAt + 10);
    // The evidence's hourly rate is the idle minutes' so far, not the batch's hour behind them.
    expect(found[0]!.f.evidence?.['usdPerHour']).toBeLessThan(8);
  });
});

describe('configured working hours (UTC, weekdays 08:00-19:00)', () => {
  const hours = toWorkingHours({ days: [1, 2, 3, 4, 5], start: '08:00', end: '19:00' }, 'UTC');
  const run = (rows: (i: number) => readonly Row[], hoursCount: number) => {
    const detector = createOffHoursDetector();
    const found: number[] = [];
    for (let i = 0; i < hoursCount; i++) {
      const bucket = observation(MONDAY + i * HOUR, i, rows(i));
      for (const k of bucket.keys) k.workingHours = hours;
      for (const _ of detector.observe(bucket)) found.push(i);
    }
    return found;
  };

  it('judges a brand-new key used at 03:00 on its first day against them', () => {
    expect(run(plus(office, [3]), 24)).toEqual([3]);
  });

  it('never calls usage inside them off-hours, whatever the profile says', () => {
    expect(run(plus(office, [2 * WEEK + 8]), 3 * WEEK)).toEqual([]); // 08:00: before the key's usual start, inside the hours
  });

  it('still learns: a nightly batch key at 02:00 is not off-hours once its profile is known', () => {
    expect(run(plus(nightly, []), 3 * WEEK).filter((i) => i >= 3 * 24)).toEqual([]);
  });
});
