import { describe, expect, it } from 'vitest';
import { compareDays } from './reconcile-costs';

describe('compareDays', () => {
  it('sums both sides per UTC day and shows the difference', () => {
    const d1 = Date.parse('2026-03-01T00:00:00Z');
    const d2 = Date.parse('2026-03-02T00:00:00Z');
    const result = compareDays(
      [
        { dayStartMs: d1, providerKeyId: 'a', projectId: null, model: null, costUsd: 10 },
        { dayStartMs: d1 + 3_600_000, providerKeyId: 'b', projectId: null, model: null, costUsd: 2.5 },
        { dayStartMs: d2, providerKeyId: 'a', projectId: null, model: null, costUsd: 4 },
      ],
      [
        { day: new Date(d1), usd: 12.4 },
        { day: new Date(d2), usd: 4 },
        { day: new Date(d2 + 86_400_000), usd: 1 },
      ],
    );
    expect(result).toEqual([
      { day: '2026-03-01', providerUsd: 12.5, storedUsd: 12.4, diffUsd: -0.1 },
      { day: '2026-03-02', providerUsd: 4, storedUsd: 4, diffUsd: 0 },
      { day: '2026-03-03', providerUsd: 0, storedUsd: 1, diffUsd: 1 },
    ]);
  });
});
