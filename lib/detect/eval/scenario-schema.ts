import { z } from 'zod';

// `scenario.json` of a labelled usage scenario (format in ../shared/scenarios/README.md).
// Times become epoch milliseconds here so the rest of the harness never parses dates.

export const LABEL_KINDS = ['spike', 'off_hours', 'new_region', 'new_model', 'dormant_wake'] as const;
export type LabelKind = (typeof LABEL_KINDS)[number];

const isoTime = z.iso.datetime({ message: 'must be a UTC ISO 8601 time such as 2026-01-01T00:00:00Z' }).transform((s) => Date.parse(s));

const timeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be an IANA time zone such as Europe/Berlin' },
);

const scenarioSchema = z
  .object({
    name: z.string().min(1, 'must name the scenario'),
    seed: z.number().int().optional(),
    timezone: timeZone,
    bucketSeconds: z.number().int().positive('must be the bucket length in seconds, such as 60 or 3600'),
    start: isoTime,
    end: isoTime,
    warmupEnd: isoTime,
    keys: z
      .array(
        z.object({
          id: z.string().min(1),
          provider: z.enum(['openai', 'anthropic']),
          environment: z.enum(['production', 'staging', 'development']),
          monthlyBudgetUsd: z.number().nonnegative().nullable().optional(),
        }),
      )
      .min(1, 'must list at least one key'),
    labels: z.array(z.object({ key: z.string().min(1), kind: z.enum(LABEL_KINDS), start: isoTime, end: isoTime })).default([]),
  })
  .superRefine((s, ctx) => {
    const bucketMs = s.bucketSeconds * 1000;
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (s.end <= s.start) issue(['end'], 'must be after start');
    if ((s.end - s.start) % bucketMs !== 0) issue(['end'], 'must be a whole number of buckets after start');
    if (s.warmupEnd < s.start || s.warmupEnd > s.end) issue(['warmupEnd'], 'must lie between start and end');
    const ids = new Set<string>();
    s.keys.forEach((k, i) => {
      if (ids.has(k.id)) issue(['keys', i, 'id'], `duplicate key id "${k.id}"`);
      ids.add(k.id);
    });
    s.labels.forEach((l, i) => {
      if (!ids.has(l.key)) issue(['labels', i, 'key'], `"${l.key}" is not one of keys[].id`);
      if (l.end <= l.start) issue(['labels', i, 'end'], 'must be after the label start');
      if ((l.start - s.start) % bucketMs !== 0) issue(['labels', i, 'start'], 'must be a bucket start');
    });
  });

export type ScenarioMeta = z.output<typeof scenarioSchema>;
export type ScenarioKey = ScenarioMeta['keys'][number];
export type ScenarioLabel = ScenarioMeta['labels'][number];

/** Parses scenario.json text; throws one line naming the file and the first problems. */
export function parseScenarioJson(text: string, file = 'scenario.json'): ScenarioMeta {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`burnrate: ${file} is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const result = scenarioSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    const more = result.error.issues.length > 3 ? ` (and ${result.error.issues.length - 3} more)` : '';
    throw new Error(`burnrate: ${file} is not a valid scenario: ${problems.join('; ')}${more}`);
  }
  return result.data;
}
