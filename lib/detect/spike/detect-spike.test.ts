import { describe, expect, it } from 'vitest';
import { HOUR, MONDAY, observation, runHours } from '@/lib/detect/eval/observation-fixture';
import { createSpikeDetector } from './detect-spike';

// Hourly series of one key; times are UTC unless the case names a zone.

/** Deterministic noise in [-0.1, 0.1]. */
const noise = (i: number) => (((i * 7919) % 101) / 100 - 0.5) * 0.2;
/** Office hours: $2 an hour 9-17 on weekdays, $0.2 otherwise, +-10%. */
const office = (i: number, hourOfDay = i % 24) => {
  const weekday = Math.floor(i / 24) % 7 < 5;
  return (weekday && hourOfDay >= 9 && hourOfDay < 17 ? 2 : 0.2) * (1 + noise(i));
};

// One key whose cost is costs(i) in hour i (a cent a request).
const run = (costs: (i: number) => number, hours: number, options: { start?: number; timezone?: string } = {}) =>
  runHours(createSpikeDetector(), hours, (i) => (costs(i) > 0 ? [{ requests: Math.round(costs(i) * 100), costUsd: costs(i) }] : []), options);

const WEEKS_3 = 21 * 24;
const burstAt = (at: number[], times: number, base: (i: number) => number) => (i: number) => (at.includes(i) ? times * base(i) : base(i));

describe('createSpikeDetector', () => {
  it.each([
    ['a steady office-hours series', office, []],
    ['a 24/7 flat series', (i: number) => 1 + noise(i), []],
    ['a 10x burst on a Wednesday 11:00 in week 3', burstAt([16 * 24 + 11], 10, office), [16 * 24 + 11]],
    ['a 10x burst on a Saturday night in week 3', burstAt([19 * 24 + 3], 10, office), [19 * 24 + 3]],
    ['a 1.5x rise is not a spike', burstAt([16 * 24 + 11], 1.5, office), []],
    ['a 10x burst worth cents is not paged', burstAt([16 * 24 + 11], 10, (i) => office(i) / 1000), []],
    ['a daily peak at 03:00 (8x) is learnt, not paged', (i: number) => (i % 24 === 3 ? 8 : 1) * (1 + noise(i)), []],
  ])('%s', (_, costs, expected) => {
    expect(run(costs, WEEKS_3).map((x) => x.i)).toEqual(expected);
  });

  it('a key first seen on a Saturday learns its working days within two of them, and keeps them', () => {
    // Its first hours of the day are a weekend's: Monday's office hours look like spikes
    // against them, and may page that Monday. They must not page every weekday after, nor the
    // next week's: the weekday hours learn what they see, not what the weekend expected.
    const saturday = MONDAY + 5 * 24 * HOUR;
    const fromSaturday = (i: number) => office(i + 5 * 24);
    const found = run(fromSaturday, WEEKS_3, { start: saturday }).map((x) => Math.floor(x.i / 24));
    expect(found.every((day) => day <= 3), `findings on days ${found.join(', ')} after the key's first Monday and Tuesday`).toBe(true);
  });

  it.each([
    // In week 2 the hour-of-week slots have one value; the same hour on the same kind of day has several.
    ['a Wednesday', 9 * 24 + 11, 'weekday_hour'],
    ['a Saturday night', 12 * 24 + 3, 'weekend_hour'],
    ['a Wednesday in week 3', 16 * 24 + 11, 'hour_of_week'],
  ])('names the baseline that judged a burst on %s', (_, at, baseline) => {
    const found = run(burstAt([at], 10, office), at + 1);
    expect(found.map((x) => [x.i, x.f.evidence?.baseline])).toEqual([[at, baseline]]);
  });

  it('reports observed vs expected, the multiple, the score and local time', () => {
    const at = 16 * 24 + 11;
    const [hit, ...rest] = run(burstAt([at], 10, office), WEEKS_3);
    expect(rest).toEqual([]);
    const e = hit!.f.evidence as Record<string, number | string>;
    expect(hit!.f).toMatchObject({ key: 'k', kind: 'spike' });
    expect(e.observedUsd).toBeCloseTo(10 * office(at), 6);
    expect(e.expectedUsd).toBeGreaterThan(1.7);
    expect(e.expectedUsd).toBeLessThan(2.3);
    expect(e.multiple).toBeGreaterThan(8);
    expect(e.score).toBeGreaterThan(6);
    expect(e).toMatchObject({ baseline: 'hour_of_week', localTime: '2026-01-21 11:00', hourOfWeek: 2 * 24 + 11 });
    expect(hit!.f.summary).toMatch(/^cost \$\d+\.\d\d at 2026-01-21 11:00 local vs expected \$2\.\d\d \(\d+\.\dx, score \d+\.\d\), \d+ requests vs \d+, mostly gpt-4o from DE$/);
    expect(e.models).toEqual([{ name: 'gpt-4o', costUsd: e.observedUsd, requests: e.requests }]);
    expect(e.regions).toEqual([{ name: 'DE', costUsd: e.observedUsd, requests: e.requests }]);
  });

  it.each([
    // A new key is not scored in its first day; after it, against its recent peak.
    ['a burst in the first day is not scored', [10], []],
    ['a 10x burst on day 2 is flagged against the overall peak', [30], [30]],
    ['a 3x burst on day 2 is not (seasonality unknown yet)', [], []],
  ])('warm-up: %s', (_, bursts, expected) => {
    const costs = (i: number) => (bursts.includes(i) ? 10 : 1) * (1 + noise(i));
    const found = run(costs, 48);
    expect(found.map((x) => x.i)).toEqual(expected);
    for (const { f } of found) expect(f.evidence).toMatchObject({ baseline: 'overall' });
  });

  it('does not learn a flagged burst: the same hour a week later is judged by the same baseline', () => {
    // Thursday 11:00-17:00 in week 3 (its hour-of-week slots are warm), probed in week 4.
    const probe = 24 * 24 + 11;
    const incident = [11, 12, 13, 14, 15, 16].map((h) => 17 * 24 + h);
    const clean = run(burstAt([probe], 10, office), 28 * 24);
    const poisoned = run(burstAt([...incident, probe], 20, office), 28 * 24);
    expect(poisoned.map((x) => x.i)).toEqual([...incident, probe]);
    // Same level as without the incident (one ordinary Thursday fewer learnt), not 20x.
    const expectedAt = (found: typeof clean) => (found.find((x) => x.i === probe)!.f.evidence as { expectedUsd: number }).expectedUsd;
    expect(Math.abs(expectedAt(poisoned) / expectedAt(clean) - 1)).toBeLessThan(0.1);
  });

  describe('a key used in sessions at random weekday hours, silent otherwise', () => {
    // About one weekday work hour in five starts a session of 1-3 hours at ~$1 an hour, at
    // hours that differ week to week: most hour-of-week slots have seen only silence.
    const hash = (i: number) => ((i * 2654435761) >>> 0) / 2 ** 32;
    const sessionStart = (i: number) => {
      const day = Math.floor(i / 24) % 7;
      const h = i % 24;
      return day < 5 && h >= 9 && h < 18 && hash(i) < 0.08;
    };
    const length = (i: number) => 1 + Math.floor(hash(i + 7) * 3);
    const inSession = (i: number) => [0, 1, 2].some((back) => sessionStart(i - back) && back < length(i - back));
    const sessions = (i: number) => (inSession(i) ? 1 + noise(i) : 0);
    const WEEKS_8 = 8 * 7 * 24;
    const late = [...Array(WEEKS_8).keys()].filter((i) => i > 6 * 7 * 24 && sessionStart(i) && !inSession(i - 1));

    it('is not paged for its sessions, at whatever hour they fall', () => {
      expect(late.length).toBeGreaterThan(3);
      expect(run(sessions, WEEKS_8)).toEqual([]);
    });

    it('is paged for a session at 10x its usual rate', () => {
      const at = late[0]!;
      expect(run(burstAt([at], 10, sessions), WEEKS_8).map((x) => x.i)).toEqual([at]);
    });
  });

  it('still pages 3x the night level on a 24/7 key that is 4x busier by day (its nights are never silent)', () => {
    const dayNight = (i: number) => (i % 24 >= 8 && i % 24 < 20 ? 2 : 0.5) * (1 + noise(i));
    const at = 24 * 24 + 3;
    expect(run(burstAt([at], 3, dayNight), 4 * 7 * 24).map((x) => x.i)).toEqual([at]);
  });

  // Europe/Berlin, on purpose: 2026-03-29 02:00 local jumps to 03:00.
  it('follows local office hours across the Europe/Berlin daylight-saving change', () => {
    const start = Date.parse('2026-03-08T23:00:00Z'); // Monday 2026-03-09 00:00 CET
    const hourOfDay = (i: number) => Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: 'numeric', hourCycle: 'h23' }).format(start + i * HOUR));
    const days = (i: number) => Math.floor((start + i * HOUR - start) / 86_400_000);
    // Office hours by the local clock, and a burst at 11:00 local on Tuesday 2026-03-31.
    const at = 22 * 24 + 10; // 2026-03-31 09:00Z = 11:00 CEST
    const costs = (i: number) => (i === at ? 10 : 1) * office(days(i) * 24, hourOfDay(i)) * (1 + noise(i));
    const found = run(costs, 4 * 7 * 24, { start, timezone: 'Europe/Berlin' });
    expect(found.map((x) => x.i)).toEqual([at]);
    expect(found[0]!.f.evidence).toMatchObject({ localTime: '2026-03-31 11:00', hourOfWeek: 24 + 11 });
  });
});

describe('peek: a bucket still filling', () => {
  const AT = 16 * 24 + 11;
  const bucket = (i: number, cost: number) => observation(MONDAY + i * HOUR, i, cost > 0 ? [{ requests: Math.round(cost * 100), costUsd: cost }] : []);
  const warm = () => {
    const d = createSpikeDetector();
    for (let i = 0; i < AT; i++) d.observe(bucket(i, office(i)));
    return d;
  };

  it('flags a partial burst already past the threshold, and learns nothing from it', () => {
    const peeked = warm();
    const plain = warm();
    // A third of the hour in, the burst has already spent 4x the whole hour's usual.
    expect(peeked.peek!(bucket(AT, 4 * office(AT)))).toHaveLength(1);
    expect(peeked.peek!(bucket(AT, office(AT) / 3))).toHaveLength(0);
    // Peeking changed nothing: the rest of the series is judged the same.
    for (let i = AT; i < AT + 48; i++) expect(peeked.observe(bucket(i, office(i)))).toEqual(plain.observe(bucket(i, office(i))));
  });

  it('never judges a key it has not seen', () => {
    expect(createSpikeDetector().peek!(bucket(0, 100))).toEqual([]);
  });
});
