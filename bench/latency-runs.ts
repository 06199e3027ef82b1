import type { DemoKey } from '@/lib/demo/demo-keys';
import type { LatencyBed } from './latency-setup';
import { readTimeline, type TimelineStep } from './latency-timeline';
import { BURST_MODEL, BURST_REGION, MINUTE, usualPerMinute } from './latency-traffic';

// One burst per run, each on a key with no incident open, measured from the moment the
// burst starts at its source to the moment the fake PagerDuty holds the trigger for that
// key's incident.
//  - pulled: an episode planted in the fake OpenAI's traffic from minute boundary T on. The
//    scheduler is restarted first at a different second of the minute for each run: its cron
//    ticks every 30 s from its start, so the phase is what a deployment gets by chance.
//  - ingested: from T on, the gateway reports the burst's requests as they happen.

export type LatencyRun = {
  path: 'pulled' | 'ingested';
  key: string;
  burstAt: string;
  burstPerMinute: number;
  seconds: number | null; // null: no page within the timeout
  incident: { kind: string; severity: string; summary: string } | null;
  timeline: TimelineStep[];
  schedulerPhaseSeconds?: number;
  burstEventsBeforePage?: number;
};

const sleepUntil = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t - Date.now())));

async function freeKey(bed: LatencyBed, keys: DemoKey[], used: Set<string>): Promise<DemoKey> {
  for (const k of keys) {
    if (used.has(k.providerKeyId)) continue;
    const keyId = bed.keyIds.get(k.providerKeyId)!;
    const open = await bed.db.incident.count({ where: { keyId, status: { in: ['open', 'acknowledged'] } } });
    if (open === 0) {
      used.add(k.providerKeyId);
      return k;
    }
  }
  throw new Error('bench: every bench key has an incident open (noise in its history?); run again, or with more --runs keys');
}

async function waitForPage(bed: LatencyBed, keyId: string, since: number, timeoutMs: number): Promise<number | null> {
  const deadline = since + timeoutMs;
  while (Date.now() < deadline) {
    const page = bed.pagerDuty.events.find((e) => e.action === 'trigger' && e.at >= since && e.dedupKey.includes(keyId));
    if (page) return page.at;
    await new Promise((r) => setTimeout(r, 50));
  }
  return null;
}

export async function pulledRun(bed: LatencyBed, i: number, n: number, o: { burst: number; timeoutMs: number }, used: Set<string>, log: (line: string) => void): Promise<LatencyRun> {
  const key = await freeKey(bed, bed.pulledKeys, used);
  const keyId = bed.keyIds.get(key.providerKeyId)!;
  const phase = Math.round(((i + 0.5) * 30) / n); // seconds into the minute, spread over the cron's 30 s
  await bed.stopScheduler(); // graceful: waits for the jobs in hand
  let restartAt = Math.floor(Date.now() / MINUTE) * MINUTE + phase * 1000;
  if (restartAt < Date.now()) restartAt += MINUTE;
  await sleepUntil(restartAt);
  await bed.startScheduler();
  const startedAt = Date.now();
  const burstAt = Math.ceil((Date.now() + 1) / MINUTE) * MINUTE;
  const perMinute = Math.round(o.burst * usualPerMinute(key));
  bed.traffic.plant(key.providerKeyId, { story: 'latency bench burst', startMs: burstAt, endMs: burstAt + 10 * MINUTE, requestsPerMinute: perMinute, model: BURST_MODEL, region: BURST_REGION });
  log(`  pulled run ${i + 1}/${n}: scheduler started at :${String(new Date(startedAt).getUTCSeconds()).padStart(2, '0')}, ${perMinute} requests/min on ${key.name} from ${new Date(burstAt).toISOString().slice(11, 19)}`);
  const pagedAt = await waitForPage(bed, keyId, burstAt, o.timeoutMs);
  return finish(bed, { path: 'pulled', key, keyId, burstAt, perMinute, pagedAt, log, schedulerPhaseSeconds: Math.round((startedAt % MINUTE) / 100) / 10 });
}

export async function ingestedRun(bed: LatencyBed, i: number, n: number, o: { burst: number; timeoutMs: number; flushMs: number }, used: Set<string>, log: (line: string) => void): Promise<LatencyRun> {
  const gateway = bed.gateway!;
  const key = await freeKey(bed, bed.ingestedKeys, used);
  const keyId = bed.keyIds.get(key.providerKeyId)!;
  // Seconds into the minute, spread over it: the detector judges the minute still filling.
  const offset = Math.round(((i + 0.5) * 60_000) / n / o.flushMs) * o.flushMs;
  let burstAt = Math.floor(Date.now() / MINUTE) * MINUTE + offset;
  if (burstAt < Date.now() + 2_000) burstAt += MINUTE;
  const perMinute = Math.round(o.burst * usualPerMinute(key));
  log(`  ingested run ${i + 1}/${n}: ${perMinute} requests/min on ${key.name} from ${new Date(burstAt).toISOString().slice(11, 19)}, reported every ${o.flushMs} ms`);
  await sleepUntil(burstAt);
  const burst = gateway.burst(key, burstAt, perMinute);
  const pagedAt = await waitForPage(bed, keyId, burstAt, o.timeoutMs);
  const sentBeforePage = burst.sent();
  burst.stop();
  const firstPost = gateway.posts.find((p) => p.burstEvents > 0 && p.sentAt >= burstAt);
  const extra = firstPost
    ? [
        { step: 'gateway posts its first burst requests', atMs: firstPost.sentAt },
        { step: 'ingest endpoint answers 202 (stored; NOTIFY detect)', atMs: firstPost.answeredAt },
      ]
    : [];
  return { ...(await finish(bed, { path: 'ingested', key, keyId, burstAt, perMinute, pagedAt, log, extra })), burstEventsBeforePage: sentBeforePage };
}

async function finish(
  bed: LatencyBed,
  r: { path: 'pulled' | 'ingested'; key: DemoKey; keyId: string; burstAt: number; perMinute: number; pagedAt: number | null; log: (line: string) => void; extra?: { step: string; atMs: number }[]; schedulerPhaseSeconds?: number },
): Promise<LatencyRun> {
  const seconds = r.pagedAt === null ? null : Math.round((r.pagedAt - r.burstAt) / 10) / 100;
  await new Promise((res) => setTimeout(res, 500)); // the worker records the delivery after the answer
  const timeline = await readTimeline(bed.db, { path: r.path, burstAt: r.burstAt, keyId: r.keyId, pagedAt: r.pagedAt ?? Date.now(), extra: r.extra });
  r.log(seconds === null ? `    no page within the timeout` : `    paged after ${seconds.toFixed(2)} s (${timeline.incident?.kind ?? '?'}, ${timeline.incident?.severity ?? '?'})`);
  return {
    path: r.path,
    key: r.key.name,
    burstAt: new Date(r.burstAt).toISOString(),
    burstPerMinute: r.perMinute,
    seconds,
    incident: timeline.incident,
    timeline: timeline.steps,
    ...(r.schedulerPhaseSeconds === undefined ? {} : { schedulerPhaseSeconds: r.schedulerPhaseSeconds }),
  };
}
