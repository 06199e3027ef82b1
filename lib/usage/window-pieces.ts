// Pure: how to read usage over intervals exactly from roll-ups of whole UTC days, whole UTC
// hours and the raw buckets. Readers sum the pieces (a piece with sign -1 is subtracted), so
// an interval that starts or ends inside a day costs a few hours or minutes, not a scan of
// every bucket. Each piece lies inside one interval and carries that interval's start
// (`at`), so a reader can tell which interval a row belongs to from `at` alone.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// A raw bucket range costs about one row per minute a key was used; an hour row is one row.
const RAW_COST_PER_HOUR = 20;

export type PieceLevel = 'day' | 'hour' | 'raw';
export type Piece = { level: PieceLevel; fromMs: number; toMs: number; sign: 1 | -1; at: number };

const floorTo = (ms: number, unit: number) => Math.floor(ms / unit) * unit;
const ceilTo = (ms: number, unit: number) => Math.ceil(ms / unit) * unit;

/**
 * Pieces that together cover each interval [cuts[i], cuts[i + 1]) exactly. `hours`: whether an
 * hourly roll-up may be read. Raw ranges after `nowMs` cost almost nothing (only clock skew
 * puts buckets there), so the current day is read as the whole day less what lies ahead.
 */
export function windowPieces(cuts: readonly number[], nowMs: number, hours: boolean): Piece[] {
  const sorted = [...new Set(cuts)].sort((a, b) => a - b);
  const out: Piece[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const a = sorted[i]!;
    const b = sorted[i + 1]!;
    if (floorTo(a, DAY) === floorTo(b - 1, DAY)) {
      out.push(...partOfDay(a, b, a, nowMs, hours));
      continue;
    }
    if (a % DAY !== 0) out.push(...partOfDay(a, ceilTo(a, DAY), a, nowMs, hours));
    if (ceilTo(a, DAY) < floorTo(b, DAY)) out.push({ level: 'day', fromMs: ceilTo(a, DAY), toMs: floorTo(b, DAY), sign: 1, at: a });
    if (b % DAY !== 0) out.push(...partOfDay(floorTo(b, DAY), b, a, nowMs, hours));
  }
  return out;
}

// [x, y) inside one UTC day: read directly, or as the whole day less the rest, whichever is cheaper.
function partOfDay(x: number, y: number, at: number, nowMs: number, hours: boolean): Piece[] {
  const day = floorTo(x, DAY);
  if (x === day && y === day + DAY) return [{ level: 'day', fromMs: day, toMs: day + DAY, sign: 1, at }];
  const direct = within(x, y, at, 1, hours);
  const rest = [{ level: 'day' as const, fromMs: day, toMs: day + DAY, sign: 1 as const, at }, ...within(day, x, at, -1, hours), ...within(y, day + DAY, at, -1, hours)];
  return cost(rest, nowMs) < cost(direct, nowMs) ? rest : direct;
}

function within(x: number, y: number, at: number, sign: 1 | -1, hours: boolean): Piece[] {
  if (x >= y) return [];
  if (!hours || floorTo(x, HOUR) === floorTo(y - 1, HOUR)) return [{ level: 'raw', fromMs: x, toMs: y, sign, at }];
  const pieces: Piece[] = [];
  if (x % HOUR !== 0) pieces.push({ level: 'raw', fromMs: x, toMs: ceilTo(x, HOUR), sign, at });
  if (ceilTo(x, HOUR) < floorTo(y, HOUR)) pieces.push({ level: 'hour', fromMs: ceilTo(x, HOUR), toMs: floorTo(y, HOUR), sign, at });
  if (y % HOUR !== 0) pieces.push({ level: 'raw', fromMs: floorTo(y, HOUR), toMs: y, sign, at });
  return pieces;
}

function cost(pieces: readonly Piece[], nowMs: number): number {
  let total = 0;
  for (const p of pieces) {
    if (p.level === 'day') total += 1;
    else if (p.level === 'hour') total += 0.05 + pastHours(p, nowMs);
    else total += 0.1 + RAW_COST_PER_HOUR * pastHours(p, nowMs);
  }
  return total;
}

const pastHours = (p: Piece, nowMs: number) => Math.max(0, Math.min(p.toMs, nowMs) - p.fromMs) / HOUR;
