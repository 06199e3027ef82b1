import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { USAGE_HEADER } from './load-scenario';

// A small synthetic scenario for tests (never a copy of ../shared data): two days of hourly
// buckets, two keys. key_a costs 0.9 and 1.1 in turn, then 10 in buckets 40 and 41 (the
// labelled spike, partly on a new model from a new country); key_b costs 0.5 every bucket
// but is silent in buckets 10-11. The naive baseline opens exactly one incident: key_a at
// bucket 40.

export const FIXTURE_START = Date.parse('2026-03-01T00:00:00Z');
export const HOUR = 3_600_000;
export const fixtureTime = (bucket: number) => new Date(FIXTURE_START + bucket * HOUR).toISOString().replace('.000Z', 'Z');

export function fixtureMeta(overrides: Record<string, unknown> = {}) {
  return {
    name: 'fixture',
    seed: 1,
    timezone: 'Europe/Berlin',
    bucketSeconds: 3600,
    start: fixtureTime(0),
    end: fixtureTime(48),
    warmupEnd: fixtureTime(24),
    keys: [
      { id: 'key_a', provider: 'openai', environment: 'production', monthlyBudgetUsd: 500 },
      { id: 'key_b', provider: 'anthropic', environment: 'staging', monthlyBudgetUsd: 50 },
    ],
    labels: [{ key: 'key_a', kind: 'spike', start: fixtureTime(40), end: fixtureTime(42) }],
    ...overrides,
  };
}

export function fixtureRows(): string[] {
  const rows: string[] = [];
  for (let b = 0; b < 48; b++) {
    const t = fixtureTime(b);
    if (b === 40 || b === 41) {
      rows.push(`${t},key_a,gpt-4o,US,10,10000,1000,4`, `${t},key_a,gpt-4o-mini,BR,60,50000,5000,6`);
    } else rows.push(`${t},key_a,gpt-4o,US,3,3000,300,${b % 2 ? '1.1' : '0.9'}`);
    if (b !== 10 && b !== 11) rows.push(`${t},key_b,claude-sonnet-4,DE,2,1000,100,0.5`);
  }
  return rows;
}

/** Writes scenario.json and usage.csv (CRLF line ends unless told otherwise) into `dir`. */
export function writeFixtureScenario(dir: string, options: { meta?: object; rows?: string[]; eol?: string } = {}): string {
  mkdirSync(dir, { recursive: true });
  const eol = options.eol ?? '\r\n';
  writeFileSync(path.join(dir, 'scenario.json'), JSON.stringify(options.meta ?? fixtureMeta(), null, 2));
  writeFileSync(path.join(dir, 'usage.csv'), [USAGE_HEADER, ...(options.rows ?? fixtureRows())].join(eol) + eol);
  return dir;
}
