import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { scoreSeries } from '@/lib/detect/nab/detector-core';
import { DEFAULT_DETECTOR, detectorFor } from '@/lib/detect/nab/detectors';
import { readSeries } from '@/lib/detect/nab/read-series';
import type { Env } from '@/lib/env';
import { userPath } from './user-path';

// `npx burnrate score-series <in.csv> [--detector burnrate|windowed-gaussian] > out.csv`: runs a
// detector over a `timestamp,value` series, one row at a time (causal), and writes
// `timestamp,value,anomaly_score`, the results format NAB scores.

const USAGE = 'Usage: burnrate score-series <in.csv> [--detector <name>] > out.csv';

export async function scoreSeriesCommand(_env: Env, args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({ args, options: { detector: { type: 'string', short: 'd' } }, allowPositionals: true, strict: true });
  const [input, ...extra] = positionals;
  if (!input || extra.length > 0) throw new Error(`burnrate: score-series needs exactly one input file\n${USAGE}`);
  const create = detectorFor(values.detector ?? DEFAULT_DETECTOR);

  const file = userPath(input);
  const series = readSeries(await readFile(file, 'utf8'), input);
  const scores = scoreSeries(series.values, series.timestampMs, create, input);
  const lines = ['timestamp,value,anomaly_score'];
  for (let i = 0; i < scores.length; i++) lines.push(`${series.timestamps[i]},${series.values[i]},${scores[i]}`);
  await new Promise<void>((resolve, reject) => process.stdout.write(`${lines.join('\n')}\n`, (error) => (error ? reject(error) : resolve())));
}

