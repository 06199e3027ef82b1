import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { scoreSeries } from '@/lib/detect/nab/detector-core';
import { DEFAULT_DETECTOR, detectorFor } from '@/lib/detect/nab/detectors';
import { readSeries, readWindows } from '@/lib/detect/nab/read-series';
import { PROFILE_NAMES, scoreNab, type NabFile, type NabResult } from '@/lib/detect/nab/score-nab';
import type { Env } from '@/lib/env';
import { progressBar } from './progress-bar';
import { userPath } from './user-path';

// `npx burnrate nab <nab-dir> [--detector <name>] [--json]`: runs a detector over every
// labelled series of a NAB-layout folder (data/<category>/*.csv, labels/combined_windows.json)
// and prints NAB's normalised score for the three profiles; --json adds per-file detail.

const USAGE = 'Usage: burnrate nab <nab-dir> [--detector <name>] [--json]';

export async function nabCommand(_env: Env, args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args,
    options: { detector: { type: 'string', short: 'd' }, json: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  const [input, ...extra] = positionals;
  if (!input || extra.length > 0) throw new Error(`burnrate: nab needs exactly one NAB folder\n${USAGE}`);
  const detector = values.detector ?? DEFAULT_DETECTOR;
  const create = detectorFor(detector);
  const dir = userPath(input);

  const labelsPath = path.join(dir, 'labels', 'combined_windows.json');
  const labelsText = await readFile(labelsPath, 'utf8').catch(() => {
    throw new Error(`burnrate: ${labelsPath} is missing; a NAB folder has data/<category>/*.csv and labels/combined_windows.json`);
  });
  const windows = readWindows(JSON.parse(labelsText), labelsPath);
  const dataFiles = await listSeries(path.join(dir, 'data'));
  const names = dataFiles.filter((name) => Object.hasOwn(windows, name));
  const unlabelled = dataFiles.filter((name) => !Object.hasOwn(windows, name));
  const missing = Object.keys(windows).filter((name) => !dataFiles.includes(name));
  if (unlabelled.length) console.error(`burnrate: skipping ${unlabelled.length} file(s) without labels: ${unlabelled.join(', ')}`);
  if (missing.length) console.error(`burnrate: ${missing.length} labelled file(s) have no data and are not scored: ${missing.join(', ')}`);
  if (names.length === 0) throw new Error(`burnrate: no labelled series under ${path.join(dir, 'data')}`);

  const progress = progressBar(`nab ${detector}`);
  const started = Date.now();
  const files: NabFile[] = [];
  for (const [k, name] of names.entries()) {
    progress.update(k, names.length, name);
    const series = readSeries(await readFile(path.join(dir, 'data', name), 'utf8'), name);
    const scores = scoreSeries(series.values, series.timestampMs, create, name);
    files.push({ name, timestampMs: series.timestampMs, scores, windows: windows[name]! });
  }
  const result = scoreNab(files);
  progress.done(`nab ${detector}: ${names.length} files scored in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  console.log(values.json ? JSON.stringify({ detector, dir, ...result }, null, 2) : table(detector, dir, result));
}

async function listSeries(dataDir: string): Promise<string[]> {
  const categories = await readdir(dataDir, { withFileTypes: true }).catch(() => {
    throw new Error(`burnrate: ${dataDir} is missing; a NAB folder has data/<category>/*.csv`);
  });
  const names: string[] = [];
  for (const category of categories.filter((c) => c.isDirectory())) {
    const entries = await readdir(path.join(dataDir, category.name), { withFileTypes: true });
    for (const e of entries) if (e.isFile() && e.name.endsWith('.csv')) names.push(`${category.name}/${e.name}`);
  }
  return names.sort();
}

function table(detector: string, dir: string, result: NabResult): string {
  const rows = [
    ['PROFILE', 'SCORE', 'THRESHOLD', 'RAW', 'TP', 'FP', 'FN'],
    ...PROFILE_NAMES.map((name) => {
      const p = result.profiles[name];
      return [name, p.normalized.toFixed(2), String(p.threshold), p.raw.toFixed(3), String(p.tp), String(p.fp), String(p.fn)];
    }),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
  return [`${detector} on ${result.files} files with ${result.windows} windows (${dir}); NAB normalised scores, 0 = null detector, 100 = perfect`, ...lines].join('\n');
}
