import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureMeta, fixtureRows, fixtureTime, writeFixtureScenario } from './fixture-scenario';
import { loadScenario } from './load-scenario';

const root = mkdtempSync(path.join(tmpdir(), 'burnrate-scenario-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const scenarioDir = (options: Parameters<typeof writeFixtureScenario>[1] = {}) => writeFixtureScenario(path.join(root, `s${++n}`), options);

describe('loadScenario', () => {
  it.each([
    ['CRLF', '\r\n'],
    ['LF', '\n'],
  ])('reads a folder with %s line ends into per-key bucket series', async (_, eol) => {
    const s = await loadScenario(scenarioDir({ eol }));
    expect(s.bucketCount).toBe(48);
    expect(s.rows).toBe(48 + 2 + 46);
    expect(s.meta).toMatchObject({ name: 'fixture', bucketSeconds: 3600, start: Date.parse('2026-03-01T00:00:00Z'), warmupEnd: Date.parse(fixtureTime(24)) });
    expect(s.meta.labels[0]).toMatchObject({ key: 'key_a', kind: 'spike', start: Date.parse(fixtureTime(40)) });
    const a = s.series.get('key_a')!;
    expect([a.costUsd[0], a.costUsd[1], a.costUsd[40], a.requests[40], a.inputTokens[40], a.outputTokens[40]]).toEqual([0.9, 1.1, 10, 70, 60000, 6000]);
    expect(Object.fromEntries(a.models.get(40)!)).toEqual({
      'gpt-4o': { requests: 10, inputTokens: 10000, outputTokens: 1000, costUsd: 4 },
      'gpt-4o-mini': { requests: 60, inputTokens: 50000, outputTokens: 5000, costUsd: 6 },
    });
    expect([...a.regions.get(40)!.keys()]).toEqual(['US', 'BR']);
    const b = s.series.get('key_b')!;
    expect([b.costUsd[10], b.models.has(10), b.costUsd[12]]).toEqual([0, false, 0.5]);
  });

  it('sums rows of one key, model and bucket from several regions into the model breakdown', async () => {
    const t = fixtureTime(0);
    const s = await loadScenario(scenarioDir({ rows: [`${t},key_a,gpt-4o,US,1,10,1,0.25`, `${t},key_a,gpt-4o,FR,2,20,2,0.5`] }));
    expect(s.series.get('key_a')!.models.get(0)!.get('gpt-4o')).toEqual({ requests: 3, inputTokens: 30, outputTokens: 3, costUsd: 0.75 });
    expect(s.series.get('key_a')!.regions.get(0)!.size).toBe(2);
  });

  it('accepts a header-only usage.csv and a byte-order mark', async () => {
    const dir = scenarioDir({ rows: [] });
    writeFileSync(path.join(dir, 'usage.csv'), '\uFEFFtimestamp,key,model,region,requests,input_tokens,output_tokens,cost_usd\r\n');
    expect((await loadScenario(dir)).rows).toBe(0);
  });

  const t = fixtureTime(3);
  it.each([
    ['a bad header', ['timestamp,key,cost'], /usage\.csv:1: header must be/],
    ['a short row, with its line number', [`${t},key_a,gpt-4o,US,1,2,3,0.1`, `${t},key_b,x,US,1`], /usage\.csv:3: expected 8 comma-separated fields, found 5/],
    ['a bad timestamp', ['yesterday,key_a,gpt-4o,US,1,2,3,0.1'], /usage\.csv:2: timestamp "yesterday" is not an ISO 8601 time/],
    ['a timestamp off the bucket grid', ['2026-03-01T00:30:00Z,key_a,gpt-4o,US,1,2,3,0.1'], /:2: timestamp .* is not a bucket start/],
    ['a timestamp after the end', [`${fixtureTime(48)},key_a,gpt-4o,US,1,2,3,0.1`], /:2: timestamp .* outside/],
    ['an unknown key', [`${t},key_zz,gpt-4o,US,1,2,3,0.1`], /:2: key "key_zz" is not listed in scenario\.json/],
    ['a negative cost', [`${t},key_a,gpt-4o,US,1,2,3,-1`], /:2: cost_usd "-1" must be a number >= 0/],
    ['an empty count', [`${t},key_a,gpt-4o,US,,2,3,1`], /:2: requests "" must be a number >= 0/],
  ])('rejects %s in usage.csv', async (_, rows, message) => {
    const dir = scenarioDir();
    writeFileSync(path.join(dir, 'usage.csv'), rows[0]!.startsWith('timestamp,') ? rows.join('\n') : ['timestamp,key,model,region,requests,input_tokens,output_tokens,cost_usd', ...rows].join('\n'));
    await expect(loadScenario(dir)).rejects.toThrow(message);
  });

  it.each([
    ['a missing key list', { keys: [] }, /scenario\.json is not a valid scenario: keys: must list at least one key/],
    ['a bad time zone', { timezone: 'Mars/Olympus' }, /timezone: must be an IANA time zone/],
    ['an unknown label kind', { labels: [{ key: 'key_a', kind: 'meteor', start: fixtureTime(1), end: fixtureTime(2) }] }, /labels\.0\.kind/],
    ['a label on an unknown key', { labels: [{ key: 'nope', kind: 'spike', start: fixtureTime(1), end: fixtureTime(2) }] }, /labels\.0\.key: "nope" is not one of keys/],
    ['end before start', { end: fixtureTime(0) }, /end: must be after start/],
    ['a local time', { start: '2026-03-01 00:00' }, /start: must be a UTC ISO 8601 time/],
  ])('rejects scenario.json with %s', async (_, overrides, message) => {
    await expect(loadScenario(scenarioDir({ meta: fixtureMeta(overrides), rows: [] }))).rejects.toThrow(message);
  });

  it.each([
    ['a missing folder', (dir: string) => path.join(dir, 'nope'), /scenario folder .*nope not found/],
    ['a missing usage.csv', (dir: string) => (rmSync(path.join(dir, 'usage.csv')), dir), /usage\.csv is missing; a scenario folder holds scenario\.json and usage\.csv/],
    ['scenario.json that is not JSON', (dir: string) => (writeFileSync(path.join(dir, 'scenario.json'), '{'), dir), /scenario\.json is not valid JSON/],
  ])('explains %s in one line', async (_, prepare, message) => {
    const error = await loadScenario(prepare(scenarioDir())).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('keeps the fixture rows within the format it documents', () => {
    expect(fixtureRows().every((r) => r.split(',').length === 8)).toBe(true);
  });
});
