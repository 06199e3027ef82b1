import { formatPercent, formatUsd } from '@/lib/client/format';
import type { TopMovers } from './overview-schemas';

// A top mover's change in words and numbers, so no reader depends on the arrow's colour.

export type MoverChange = { direction: 'up' | 'down'; words: string; amount: string };

export function moverChange(row: Pick<TopMovers['rows'][number], 'lastUsd' | 'previousUsd' | 'changeUsd' | 'changeRatio'>): MoverChange {
  const direction = row.changeUsd >= 0 ? 'up' : 'down';
  const amount = `${direction === 'up' ? '+' : '−'}${formatUsd(Math.abs(row.changeUsd))}`;
  if (row.changeRatio === null) return { direction, words: 'New: nothing the 7 days before', amount };
  if (row.lastUsd === 0) return { direction, words: 'Stopped: nothing in the last 7 days', amount };
  return { direction, words: `${direction === 'up' ? 'Up' : 'Down'} ${formatPercent(row.changeRatio)}`, amount };
}
