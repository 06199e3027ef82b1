import { isDeepStrictEqual } from 'node:util';
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import type { TimedFinding } from '@/lib/detect/eval/finding';
import { HOUR, MONDAY, observationOfKeys, type Row } from '@/lib/detect/eval/observation-fixture';
import type { Detector } from '@/lib/detect/eval/replay';
import { createBurnrateDetector } from '@/lib/detect/kinds/detect-burnrate';
import { DetectorStateError } from './detector-state';

// A detector saved and taken back (through v8 serialisation, as the engine's state file does)
// must go on exactly as the one that never stopped: same findings, same evidence. The traffic
// gives every part something to remember: office-hours keys with two models and regions, a
// nightly batch, a key that falls silent, and after the cut a spike, a new model, a new
// country, use at night and the silent key waking.

const WEEKS = 5;
const CUT = 3 * 7 * 24 + 5; // a Monday 05:00, mid-stream

function rows(i: number): Record<string, readonly Row[]> {
  const hourOfDay = i % 24;
  const weekday = Math.floor(i / 24) % 7 < 5;
  const office = weekday && hourOfDay >= 9 && hourOfDay < 18;
  const wobble = 1 + 0.2 * Math.sin(i * 1.7);
  const a: Row[] = office ? [{ model: 'gpt-4o', region: 'DE', requests: Math.round(40 * wobble), costUsd: 2 * wobble }, { model: 'gpt-4o-mini', region: 'FR', requests: 20, costUsd: 0.2 }] : [];
  const b: Row[] = hourOfDay === 2 ? [{ model: 'claude-sonnet-4', region: 'US', requests: 300, costUsd: 6 * wobble }] : [];
  const c: Row[] = office && i < 10 * 24 ? [{ model: 'gpt-4o-mini', region: 'DE', requests: 10, costUsd: 0.3 }] : [];
  if (i === CUT + 24 * 2 + 6) a.push({ model: 'gpt-4o', region: 'DE', requests: 900, costUsd: 60 }); // Wednesday 11:00: a spike
  if (i === CUT + 24 * 3 + 9) a.push({ model: 'o1', region: 'DE', requests: 50, costUsd: 25 }); // Thursday 14:00: a new, dear model
  if (i === CUT + 24 * 4 + 5) a.push({ model: 'gpt-4o', region: 'BR', requests: 60, costUsd: 3 }); // Friday 10:00: a new country
  if (i === CUT + 24 * 5 + 22) a.push({ model: 'gpt-4o', region: 'DE', requests: 80, costUsd: 4 }); // Sunday 03:00: at night
  if (i === CUT + 24 * 6 + 8) c.push({ model: 'gpt-4o-mini', region: 'DE', requests: 200, costUsd: 5 }); // the silent key wakes
  return { a, b, c };
}

function replay(detector: Detector, from: number, to: number): TimedFinding[] {
  const found: TimedFinding[] = [];
  for (let i = from; i < to; i++) {
    const start = MONDAY + i * HOUR;
    for (const f of detector.observe(observationOfKeys(start, i, rows(i)))) found.push({ ...f, at: start });
  }
  return found;
}

describe('detector state', () => {
  it('a detector taken back from its saved state goes on exactly as one that never stopped', () => {
    const end = WEEKS * 7 * 24;
    const continuous = createBurnrateDetector();
    replay(continuous, 0, CUT);
    const expected = replay(continuous, CUT, end);
    expect(new Set(expected.map((f) => f.kind))).toEqual(new Set(['spike', 'new_model', 'new_region', 'off_hours', 'dormant_wake']));

    const before = createBurnrateDetector();
    replay(before, 0, CUT);
    const saved = serialize(before.snapshot!());
    const after = createBurnrateDetector();
    after.restore!(deserialize(saved));
    expect(replay(after, CUT, end)).toEqual(expected);
    // Everything learnt since the cut is the same too (a memory left out of the snapshot would
    // show here even where no finding depends on it yet).
    expect(isDeepStrictEqual(after.snapshot!(), continuous.snapshot!())).toBe(true);
    // And the state is what made the difference: a detector starting cold at the cut differs.
    expect(replay(createBurnrateDetector(), CUT, end)).not.toEqual(expected);
  });

  it('refuses a state that lacks one of its parts, and says which', () => {
    const detector = createBurnrateDetector();
    replay(detector, 0, 48);
    const { ['off-hours']: _, ...partial } = detector.snapshot!();
    expect(() => createBurnrateDetector().restore!(partial)).toThrow(new DetectorStateError('detector state has no off-hours'));
    const { trailing: __, ...noRing } = detector.snapshot!()['off-hours'] as Record<string, unknown>;
    expect(() => createBurnrateDetector().restore!({ ...detector.snapshot!(), 'off-hours': noRing })).toThrow(/no trailing/);
  });
});
