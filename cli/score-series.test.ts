import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { scoreSeries, windowedGaussian } from '@/lib/detect/nab/detector-core';
import { readSeries } from '@/lib/detect/nab/read-series';

// End to end: `burnrate score-series` on a CRLF file without a final newline.

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');
let dir: string;
const rows = Array.from({ length: 120 }, (_, i) => `2024-01-01 ${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00,${i === 100 ? 50 : 10 + (i % 4)}`);
const text = ['timestamp,value', ...rows].join('\r\n');

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'burnrate-score-series-'));
  await writeFile(path.join(dir, 'in.csv'), text);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('writes timestamp,value,anomaly_score for every row, as the detector scores them in order', async () => {
  const { stdout } = await run(process.execPath, ['bin/burnrate.mjs', 'score-series', path.join(dir, 'in.csv'), '--detector', 'windowed-gaussian'], { cwd: ROOT });
  const lines = stdout.trimEnd().split('\n');
  expect(lines[0]).toBe('timestamp,value,anomaly_score');
  expect(lines).toHaveLength(121);
  expect(lines[1]).toBe('2024-01-01 00:00:00,10,0');
  const series = readSeries(text);
  const expected = scoreSeries(series.values, series.timestampMs, () => windowedGaussian());
  const written = lines.slice(1).map((l) => Number(l.split(',')[2]));
  expect(written).toEqual([...expected]);
  expect(written[100]).toBeGreaterThan(0.999999);
}, 60_000);
