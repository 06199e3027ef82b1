import { describe, expect, it } from 'vitest';
import type { Finding, FindingKind } from '@/lib/detect/eval/finding';
import type { Detector } from '@/lib/detect/eval/replay';
import { createBurnrateDetector, mostSpecific } from './detect-burnrate';
import { MONDAY, observation } from '@/lib/detect/eval/observation-fixture';

const finding = (kind: FindingKind, key = 'k'): Finding => ({ key, kind, severity: 'warning', summary: kind });
const fixed = (findings: Finding[]): Detector => ({ name: 'fixed', observe: () => findings });

describe('mostSpecific', () => {
  it.each<[FindingKind[], FindingKind]>([
    [['spike'], 'spike'],
    [['spike', 'new_model'], 'new_model'],
    [['off_hours', 'spike', 'dormant_wake'], 'dormant_wake'],
    [['spike', 'off_hours'], 'off_hours'],
    [['new_region', 'new_model'], 'new_model'],
  ])('%j -> %s', (kinds, expected) => {
    expect(mostSpecific(kinds.map((k) => finding(k))).kind).toBe(expected);
  });

  it.each([
    ['near the key\'s working level', 3, 'off_hours'],
    ['at eight times it', 16, 'off_hours'],
    ['an order of magnitude beyond it (by the trailing hour)', 20, 'spike'],
  ])('off-hours usage %s reads as %s', (_, usdPerHour, expected) => {
    const offHours: Finding = { ...finding('off_hours'), evidence: { usdPerHour, bucketUsdPerHour: usdPerHour, activeUsdPerHour: 2 } };
    expect(mostSpecific([finding('spike'), offHours]).kind).toBe(expected);
  });

  it('reads the bucket rate too: minute buckets lag in the trailing hour', () => {
    const offHours: Finding = { ...finding('off_hours'), evidence: { usdPerHour: 3, bucketUsdPerHour: 100, activeUsdPerHour: 2 } };
    expect(mostSpecific([offHours, finding('spike')]).kind).toBe('spike');
    expect(mostSpecific([offHours]).kind).toBe('off_hours');
  });
});

describe('createBurnrateDetector', () => {
  it('reports one finding per key, the most specific, with the others as evidence', () => {
    const d = createBurnrateDetector([fixed([finding('spike'), finding('spike', 'other')]), fixed([finding('new_region')])]);
    const out = d.observe(observation(MONDAY, 0, []));
    expect(out.map((f) => [f.key, f.kind])).toEqual([
      ['k', 'new_region'],
      ['other', 'spike'],
    ]);
    expect(out[0]?.evidence).toMatchObject({ alsoFound: [{ kind: 'spike' }] });
  });

  it('runs the real detectors on a key with no history without findings', () => {
    const d = createBurnrateDetector();
    expect(d.observe(observation(MONDAY, 0, [{ requests: 10, costUsd: 1 }]))).toEqual([]);
  });
});
