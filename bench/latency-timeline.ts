import type { PrismaClient } from '@/generated/prisma/client';

// Where a burst's time went, read back from what the product records: pg-boss's job rows
// (when a job was queued and when a worker took it), job_run (what the job did), the
// incident and its outbox row, and the fake PagerDuty's arrival time. Every step is given
// in seconds after the burst started.

export type TimelineStep = { step: string; at: string; seconds: number };

type BossJob = { name: string; created: Date; started: Date | null; completed: Date | null; singleton: string | null; cron: string | null };

export async function readTimeline(
  db: PrismaClient,
  o: { path: 'pulled' | 'ingested'; burstAt: number; keyId: string; pagedAt: number; extra?: { step: string; atMs: number }[] },
): Promise<{ steps: TimelineStep[]; incident: { kind: string; severity: string; summary: string } | null }> {
  const since = new Date(o.burstAt - 5_000);
  const until = new Date(o.pagedAt + 5_000);
  const jobs = await db.$queryRaw<BossJob[]>`
    SELECT name, created_on AS created, started_on AS started, completed_on AS completed, singleton_key AS singleton, data->>'name' AS cron
    FROM pgboss.job WHERE created_on BETWEEN ${since} AND ${until} AND name IN ('pull-recent', 'connection', 'detect', 'deliver-alerts', '__pgboss__send-it')
    ORDER BY created_on`;
  const incident = await db.incident.findFirst({
    where: { keyId: o.keyId, createdAt: { gte: since } },
    orderBy: { createdAt: 'asc' },
    select: { id: true, kind: true, severity: true, summary: true, openedAt: true, createdAt: true },
  });
  const delivery = incident
    ? await db.alertDelivery.findFirst({ where: { incidentId: incident.id, action: 'trigger' }, orderBy: { createdAt: 'asc' }, select: { createdAt: true, lastAttemptAt: true, deliveredAt: true } })
    : null;
  const steps: { step: string; atMs: number | undefined }[] = [{ step: 'burst starts', atMs: o.burstAt }, ...(o.extra ?? [])];
  const created = incident?.createdAt.getTime();
  if (o.path === 'pulled') {
    const minuteDone = o.burstAt + 60_000;
    steps.push({ step: "burst's first minute complete at the provider", atMs: minuteDone });
    // pg-boss's cron: a monitor every 30 s queues a send-it job, whose worker (polling every
    // 5 s) queues the scheduled job itself.
    const tick = jobs.find((j) => j.name === '__pgboss__send-it' && j.cron === 'pull-recent' && j.created.getTime() >= minuteDone);
    const cron = jobs.find((j) => j.name === 'pull-recent' && j.created.getTime() >= minuteDone);
    steps.push(
      { step: 'cron monitor tick (pg-boss send-it queued)', atMs: tick?.created.getTime() },
      { step: 'pull-recent queued', atMs: cron?.created.getTime() },
      { step: 'pull-recent taken by a worker', atMs: cron?.started?.getTime() },
    );
    const pull = jobs.find((j) => j.name === 'connection' && cron && j.created >= cron.created);
    steps.push({ step: 'connection pull queued (fan-out)', atMs: pull?.created.getTime() }, { step: 'connection pull starts', atMs: pull?.started?.getTime() }, { step: 'connection pull done (sends detect)', atMs: pull?.completed?.getTime() });
  }
  const detect = created === undefined ? undefined : jobs.filter((j) => j.name === 'detect' && j.started && j.started.getTime() <= created).at(-1);
  steps.push(
    { step: `detect queued${detect?.singleton ? ` (${detect.singleton.startsWith('wake:') ? 'woken by NOTIFY' : 'after the pull'})` : ' (cron)'}`, atMs: detect?.created.getTime() },
    { step: 'detect starts', atMs: detect?.started?.getTime() },
    { step: 'incident opened, outbox row written (NOTIFY deliver-alerts)', atMs: created },
  );
  // The deliver-alerts job that sent it: the last one a worker took before the claim.
  const claimed = delivery?.lastAttemptAt?.getTime();
  const deliver = claimed === undefined ? undefined : jobs.filter((j) => j.name === 'deliver-alerts' && j.started && j.started.getTime() <= claimed).at(-1);
  steps.push(
    { step: `deliver-alerts queued${deliver?.singleton?.startsWith('wake:') ? ' (woken by NOTIFY)' : ''}`, atMs: deliver?.created.getTime() },
    { step: 'deliver-alerts starts', atMs: deliver?.started?.getTime() },
    { step: 'delivery claimed, sent', atMs: delivery?.lastAttemptAt?.getTime() },
    { step: 'PagerDuty receives the trigger', atMs: o.pagedAt },
    { step: 'delivery recorded as delivered', atMs: delivery?.deliveredAt?.getTime() },
  );
  return {
    steps: steps
      .filter((s): s is { step: string; atMs: number } => s.atMs !== undefined)
      .map((s) => ({ step: s.step, at: new Date(s.atMs).toISOString(), seconds: Math.round((s.atMs - o.burstAt) / 10) / 100 })),
    incident: incident ? { kind: incident.kind, severity: incident.severity, summary: incident.summary } : null,
  };
}
