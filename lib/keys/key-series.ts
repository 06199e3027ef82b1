import type { PrismaClient } from '@/generated/prisma/client';
import { hourlyUsage } from '@/lib/usage/hourly-usage';
import { seriesWindow } from '@/lib/usage/usage-series';
import { bandPerStep, expectedBand, type Band } from './expected-band';
import type { IncidentMarker, KeySeries, KeySeriesQuery, SeriesPoint } from './key-schemas';
import type { UsageSubject } from './usage-subject';

// A key's (or an environment's) usage over a range, per hour or per UTC day, with the band
// the spike detector would expect and the incidents opened in the range.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// The band needs history before the range: hour-of-week slots are trusted after two
// weeks (DEFAULT_SPIKE_SETTINGS.readyWeeks) and remember about four.
export const BAND_WARMUP_MS = 28 * DAY;
const MAX_MARKERS = 200;

export async function keySeries(db: PrismaClient, subject: UsageSubject, query: KeySeriesQuery, nowMs: number, timezone: string): Promise<KeySeries> {
  const window = seriesWindow(query.range, nowMs);
  // Hours that have begun; the current one is partial, later ones have no usage yet.
  const hoursTo = Math.min(window.toMs, Math.floor(nowMs / HOUR) * HOUR + HOUR);
  const withBand = query.unit === 'cost';
  const from = withBand ? window.fromMs - BAND_WARMUP_MS : window.fromMs;
  const [hours, markers] = await Promise.all([hourlyUsage(db, subject, from, hoursTo), incidentMarkers(db, subject, window.fromMs, window.toMs)]);

  const bands = withBand ? bandPerStep(expectedBand(hours, timezone), window.stepMs) : new Map<number, Band | null>();
  const unitValues = query.unit === 'cost' ? hours.cost : query.unit === 'tokens' ? hours.tokens : hours.requests;
  const values = new Map<number, number>();
  for (let i = 0; i < unitValues.length; i++) {
    const step = Math.floor((from + i * HOUR) / window.stepMs) * window.stepMs;
    values.set(step, (values.get(step) ?? 0) + unitValues[i]!);
  }
  const points: SeriesPoint[] = [];
  for (let t = window.fromMs; t < window.toMs; t += window.stepMs) {
    const band = t < hoursTo ? bands.get(t) : null;
    points.push({ t: new Date(t).toISOString(), value: values.get(t) ?? 0, expected: band?.expected ?? null, lower: band?.lower ?? null, upper: band?.upper ?? null });
  }
  return { range: query.range, unit: query.unit, stepSeconds: window.stepMs / 1000, timezone, points, markers };
}

async function incidentMarkers(db: PrismaClient, subject: UsageSubject, fromMs: number, toMs: number): Promise<IncidentMarker[]> {
  const rows = await db.incident.findMany({
    where: { ...('keyId' in subject ? { keyId: subject.keyId } : { environment: subject.environment }), openedAt: { gte: new Date(fromMs), lt: new Date(toMs) } },
    select: { id: true, openedAt: true, kind: true, severity: true },
    orderBy: [{ openedAt: 'asc' }, { id: 'asc' }],
    take: MAX_MARKERS,
  });
  return rows.map((r) => ({ id: r.id, openedAt: r.openedAt.toISOString(), kind: r.kind, severity: r.severity }));
}
