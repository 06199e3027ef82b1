import { z } from 'zod';

// Reading NAB-style series and label files. Pure: text in, data out; the CLI does the I/O.
// Real NAB files end lines with CRLF in places, lack a final newline in others, and the
// label files write timestamps with `.000000`; all of that is accepted here.

export type Series = {
  /** The timestamps as written, so output files can repeat them unchanged. */
  timestamps: string[];
  /** The same instants in ms since the epoch, read as UTC (NAB timestamps carry no zone). */
  timestampMs: Float64Array;
  values: Float64Array;
};

export type Window = { startMs: number; endMs: number };

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?Z?$/;

/** `YYYY-MM-DD HH:MM[:SS[.ffffff]]` as UTC ms, or NaN when the text is not such a timestamp. */
export function parseNabTimestamp(text: string): number {
  const m = TIMESTAMP.exec(text.trim());
  if (!m) return Number.NaN;
  const [, y, mo, d, h, mi, s = '0', frac = ''] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(frac.padEnd(3, '0').slice(0, 3)));
  // Date.UTC rolls 2014-02-30 over into March; a label that does not exist is an error.
  const check = new Date(ms);
  const same = check.getUTCMonth() === Number(mo) - 1 && check.getUTCDate() === Number(d) && check.getUTCHours() === Number(h) && check.getUTCMinutes() === Number(mi);
  return same && Number(s) < 60 ? ms : Number.NaN;
}

/** Reads `timestamp,value` CSV text (header required; extra columns are ignored). */
export function readSeries(text: string, source = 'series'): Series {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n|\r/);
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  if (headerIndex === -1) throw new Error(`${source}: empty file; expected a header line \`timestamp,value\``);
  const header = lines[headerIndex]!.split(',').map((h) => h.trim().replace(/^"|"$/g, '').toLowerCase());
  const tCol = header.indexOf('timestamp');
  const vCol = header.indexOf('value');
  if (tCol === -1 || vCol === -1) {
    throw new Error(`${source}: the first line must name the columns \`timestamp,value\` (found \`${lines[headerIndex]!.trim()}\`)`);
  }

  const timestamps: string[] = [];
  const ms: number[] = [];
  const values: number[] = [];
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const cells = line.split(',');
    const t = (cells[tCol] ?? '').trim().replace(/^"|"$/g, '');
    const rawValue = (cells[vCol] ?? '').trim().replace(/^"|"$/g, '');
    const tMs = parseNabTimestamp(t);
    const value = rawValue === '' ? Number.NaN : Number(rawValue);
    if (Number.isNaN(tMs)) throw new Error(`${source}:${i + 1}: timestamp \`${t}\` is not \`YYYY-MM-DD HH:MM:SS\``);
    if (!Number.isFinite(value)) throw new Error(`${source}:${i + 1}: value \`${rawValue}\` is not a finite number`);
    const previous = ms[ms.length - 1];
    if (previous !== undefined && tMs < previous) throw new Error(`${source}:${i + 1}: timestamp \`${t}\` is earlier than the row before; rows must be in time order`);
    timestamps.push(t);
    ms.push(tMs);
    values.push(value);
  }
  return { timestamps, timestampMs: Float64Array.from(ms), values: Float64Array.from(values) };
}

const windowsFileSchema = z.record(z.string(), z.array(z.tuple([z.string(), z.string()])));

/** Reads `labels/combined_windows.json`: `{"<category>/<name>.csv": [[start, end], ...]}`. */
export function readWindows(json: unknown, source = 'combined_windows.json'): Record<string, Window[]> {
  const parsed = windowsFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`${source}: expected {"<category>/<file>.csv": [["start", "end"], ...]} (${parsed.error.issues[0]?.message ?? 'invalid'})`);
  }
  const out: Record<string, Window[]> = {};
  for (const [name, pairs] of Object.entries(parsed.data)) {
    out[name] = pairs.map(([start, end]) => {
      const startMs = parseNabTimestamp(start);
      const endMs = parseNabTimestamp(end);
      if (Number.isNaN(startMs) || Number.isNaN(endMs) || endMs < startMs) {
        throw new Error(`${source}: window [${start}, ${end}] of ${name} is not a pair of ordered timestamps`);
      }
      return { startMs, endMs };
    });
  }
  return out;
}
