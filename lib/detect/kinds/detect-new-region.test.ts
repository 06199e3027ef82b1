import { describe, expect, it } from 'vitest';
import { createNewRegionDetector } from './detect-new-region';
import { runHours, type Row } from '@/lib/detect/eval/observation-fixture';

// TZ=UTC. A key called from DE (and a little from FR) at 100 requests an hour, for a week.
const usual: Row[] = [
  { region: 'DE', requests: 90, costUsd: 0.9 },
  { region: 'FR', requests: 10, costUsd: 0.1 },
];
const withAt = (at: number[], extra: Row) => (i: number) => (at.includes(i) ? [...usual, extra] : usual);

describe('createNewRegionDetector', () => {
  it.each([
    ['only known regions', () => usual, []],
    ['a never-seen country with cheap traffic pages', withAt([100], { region: 'KP', requests: 20, costUsd: 0.001 }), [100]],
    ['a second usual country is not new', withAt([100], { region: 'FR', requests: 50, costUsd: 0.5 }), []],
    ['below the minimum request count is not paged', withAt([100], { region: 'KP', requests: 2, costUsd: 0.02 }), []],
    ['a country seen once in the warm-up is still rare', withAt([3, 100], { region: 'US', requests: 20, costUsd: 0.2 }), [100]],
    // Flagged traffic is not learnt, so the incident keeps paging while it lasts.
    ['a long incident stays new', withAt([100, 101, 102, 150], { region: 'KP', requests: 20, costUsd: 0.2 }), [100, 101, 102, 150]],
  ])('%s', (_, rows, expected) => {
    expect(runHours(createNewRegionDetector(), 168, rows).map((x) => x.i)).toEqual(expected);
  });

  it('a rarely seen country (under 1% of past requests) pages', () => {
    const rows = (i: number) => (i % 50 === 0 && i < 100 ? [...usual, { region: 'US', requests: 1, costUsd: 0.01 }] : i === 120 ? [...usual, { region: 'US', requests: 30, costUsd: 0.3 }] : usual);
    expect(runHours(createNewRegionDetector(), 168, rows).map((x) => x.i)).toEqual([120]);
  });

  it('a key with no history is not judged until it has warmed up', () => {
    const rows = (i: number) => (i < 40 ? [] : i === 41 ? [...usual, { region: 'KP', requests: 50, costUsd: 0.5 }] : usual);
    expect(runHours(createNewRegionDetector(), 60, rows)).toEqual([]);
  });

  it('names the countries in the summary', () => {
    const [hit] = runHours(createNewRegionDetector(), 168, withAt([100], { region: 'KP', requests: 20, costUsd: 0.2 }));
    expect(hit?.f).toMatchObject({ kind: 'new_region', evidence: { requests: 20, knownRegions: ['DE', 'FR'] } });
    expect(hit?.f.summary).toBe('20 requests from KP, rarely or never seen for this key');
  });
});
