import { describe, expect, it } from 'vitest';
import { moverChange } from './mover-change';

describe('moverChange', () => {
  it.each([
    [{ lastUsd: 40, previousUsd: 4, changeUsd: 36, changeRatio: 9 }, { direction: 'up', words: 'Up 900.0%', amount: '+$36.00' }],
    [{ lastUsd: 65, previousUsd: 100, changeUsd: -35, changeRatio: -0.35 }, { direction: 'down', words: 'Down 35.0%', amount: '−$35.00' }],
    [{ lastUsd: 7.5, previousUsd: 0, changeUsd: 7.5, changeRatio: null }, { direction: 'up', words: 'New: nothing the 7 days before', amount: '+$7.50' }],
    [{ lastUsd: 0, previousUsd: 20, changeUsd: -20, changeRatio: -1 }, { direction: 'down', words: 'Stopped: nothing in the last 7 days', amount: '−$20.00' }],
    [{ lastUsd: 1234.5, previousUsd: 1000, changeUsd: 234.5, changeRatio: 0.2345 }, { direction: 'up', words: 'Up 23.5%', amount: '+$234.50' }],
  ] as const)('%o', (row, expected) => {
    expect(moverChange(row)).toEqual(expected);
  });
});
