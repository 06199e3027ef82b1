import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseScenarioJson, type ScenarioMeta } from './scenario-schema';

// A scenario folder (scenario.json + usage.csv) in memory: per key, dense per-bucket totals
// in typed arrays and sparse per-bucket model and region breakdowns (only buckets with
// traffic have one). usage.csv is streamed a line at a time, so its size does not matter.

export interface Usage {
  requests: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export interface KeySeries {
  /** Index = bucket number since `meta.start`. */
  requests: Float64Array;
  inputTokens: Float64Array;
  outputTokens: Float64Array;
  costUsd: Float64Array;
  /** bucket number -> model -> usage (summed over regions). */
  models: Map<number, Map<string, Usage>>;
  /** bucket number -> caller country -> usage (summed over models). */
  regions: Map<number, Map<string, Usage>>;
}

export interface Scenario {
  meta: ScenarioMeta;
  bucketCount: number;
  /** One entry per key of scenario.json, in that order. */
  series: Map<string, KeySeries>;
  rows: number;
}

export const USAGE_HEADER = 'timestamp,key,model,region,requests,input_tokens,output_tokens,cost_usd';

/** Accumulates usage.csv lines for one scenario; pure apart from its own state. */
export function createUsageAccumulator(meta: ScenarioMeta, file = 'usage.csv') {
  const bucketMs = meta.bucketSeconds * 1000;
  const bucketCount = (meta.end - meta.start) / bucketMs;
  const series = new Map<string, KeySeries>();
  for (const k of meta.keys) {
    const dense = () => new Float64Array(bucketCount);
    series.set(k.id, { requests: dense(), inputTokens: dense(), outputTokens: dense(), costUsd: dense(), models: new Map(), regions: new Map() });
  }
  let rows = 0;
  let lastStamp = '';
  let lastBucket = -1;
  const fail = (line: number, problem: string): never => {
    throw new Error(`burnrate: ${file}:${line}: ${problem}`);
  };

  return {
    /** `lineNumber` is 1-based and counts the header. */
    add(rawLine: string, lineNumber: number) {
      const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
      if (lineNumber === 1) {
        const header = line.replace(/^\uFEFF/, '').trim();
        if (header !== USAGE_HEADER) fail(1, `header must be "${USAGE_HEADER}", found "${header.slice(0, 120)}"`);
        return;
      }
      if (line.trim() === '') return;
      const f = line.split(',');
      if (f.length !== 8) fail(lineNumber, `expected 8 comma-separated fields, found ${f.length}`);
      const [stamp, key, model, region, ...numbers] = f as [string, string, string, string, string, string, string, string];
      if (stamp !== lastStamp) {
        const t = /^\d{4}-\d\d-\d\dT/.test(stamp) ? Date.parse(stamp) : Number.NaN;
        if (Number.isNaN(t)) fail(lineNumber, `timestamp "${stamp}" is not an ISO 8601 time`);
        if (t < meta.start || t >= meta.end) fail(lineNumber, `timestamp ${stamp} lies outside the scenario's [start, end)`);
        if ((t - meta.start) % bucketMs !== 0) fail(lineNumber, `timestamp ${stamp} is not a bucket start (bucketSeconds ${meta.bucketSeconds})`);
        lastStamp = stamp;
        lastBucket = (t - meta.start) / bucketMs;
      }
      const s = series.get(key);
      if (!s) return fail(lineNumber, `key "${key}" is not listed in scenario.json`);
      if (model === '') fail(lineNumber, 'model is empty');
      const [requests, inputTokens, outputTokens, costUsd] = numbers.map((v, i) => {
        const n = v.trim() === '' ? Number.NaN : Number(v);
        if (!Number.isFinite(n) || n < 0) fail(lineNumber, `${USAGE_HEADER.split(',')[i + 4]} "${v}" must be a number >= 0`);
        return n;
      }) as [number, number, number, number];
      const b = lastBucket;
      s.requests[b]! += requests;
      s.inputTokens[b]! += inputTokens;
      s.outputTokens[b]! += outputTokens;
      s.costUsd[b]! += costUsd;
      const usage = { requests, inputTokens, outputTokens, costUsd };
      addTo(s.models, b, model, usage);
      addTo(s.regions, b, region, usage);
      rows++;
    },
    finish(): Scenario {
      return { meta, bucketCount, series, rows };
    },
  };
}

function addTo(breakdowns: Map<number, Map<string, Usage>>, bucket: number, name: string, u: Usage) {
  let byName = breakdowns.get(bucket);
  if (!byName) breakdowns.set(bucket, (byName = new Map()));
  const cell = byName.get(name);
  if (!cell) byName.set(name, { ...u });
  else {
    cell.requests += u.requests;
    cell.inputTokens += u.inputTokens;
    cell.outputTokens += u.outputTokens;
    cell.costUsd += u.costUsd;
  }
}

/** Reads a scenario folder; every problem is one line naming the file (and line). */
export async function loadScenario(dir: string): Promise<Scenario> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`burnrate: scenario folder ${dir} not found`);
  const jsonFile = path.join(dir, 'scenario.json');
  const csvFile = path.join(dir, 'usage.csv');
  for (const f of [jsonFile, csvFile]) {
    if (!existsSync(f)) throw new Error(`burnrate: ${f} is missing; a scenario folder holds scenario.json and usage.csv`);
  }
  const meta = parseScenarioJson(readFileSync(jsonFile, 'utf8'), jsonFile);
  const acc = createUsageAccumulator(meta, csvFile);
  const lines = createInterface({ input: createReadStream(csvFile, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) acc.add(line, ++n);
  if (n === 0) throw new Error(`burnrate: ${csvFile} is empty; it needs the header "${USAGE_HEADER}"`);
  return acc.finish();
}
