import pg from 'pg';
import PgBoss from 'pg-boss';
import { WAKE_CHANNEL, WAKEABLE_JOBS, type WakeableJob } from '@/lib/system/wake';
import { logger } from '@/lib/log';
import { FAN_OUT_QUEUES, SCHEDULE, type JobName } from './schedule';

// Starts pg-boss on the app's database (its own `pgboss` schema), registers one worker per
// queue and the cron entries. A handler throws to have pg-boss retry it.

export type JobContext = { send: (queue: JobName, data: object, singletonKey: string) => Promise<void> };
export type JobHandler = (data: unknown, ctx: JobContext) => Promise<unknown>;

export type Scheduler = { stop: () => Promise<void>; runNow: (name: JobName, data?: object) => Promise<void> };

export async function startScheduler(
  connectionString: string,
  handlers: Record<JobName, JobHandler>,
  options: { quiet?: () => boolean; cron?: boolean } = {},
): Promise<Scheduler> {
  // pg-boss checks its cron every 30 s by default; a minute's pull queued up to 50 s late is
  // most of a pulled page's latency (BENCHMARKS.md, alert latency). Check every few seconds.
  const boss = new PgBoss({ connectionString, schema: 'pgboss', max: 6, application_name: 'burnrate-scheduler', cronMonitorIntervalSeconds: 5, cronWorkerIntervalSeconds: 1 });
  // During shutdown the database may close connections first (Ctrl-C reaches it too).
  boss.on('error', (error: Error) => (options.quiet?.() ? logger.debug : logger.error)('scheduler_error', { error: error.message }));
  await boss.start();

  const ctx: JobContext = {
    async send(queue, data, singletonKey) {
      await boss.send(queue, data, { singletonKey });
    },
  };
  const queues: JobName[] = [...SCHEDULE.map((j) => j.name), ...FAN_OUT_QUEUES];
  for (const name of queues) {
    // Every job is safe to re-run, so retries are cheap; a short expiry keeps a stuck job
    // from blocking the next run.
    await boss.createQueue(name, { name, policy: 'stately', retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: 15 * 60 });
    await boss.work(name, { pollingIntervalSeconds: 1, batchSize: 1 }, async ([job]) => {
      await handlers[name](job?.data ?? {}, ctx);
    });
  }
  if (options.cron !== false) {
    for (const job of SCHEDULE) await boss.schedule(job.name, job.cron, undefined, { tz: 'UTC' });
  }
  for (const existing of await boss.getSchedules()) {
    if (options.cron === false || !SCHEDULE.some((j) => j.name === existing.name)) await boss.unschedule(existing.name);
  }
  const listener = await listenForWakes(connectionString, (job) => boss.send(job, {}, { singletonKey: `wake:${job}` }), options.quiet);
  logger.info('scheduler_started', { queues: queues.length });

  return {
    async runNow(name, data = {}) {
      await boss.send(name, data);
    },
    async stop() {
      await listener.end().catch(() => undefined);
      await boss.stop({ graceful: true, timeout: 10_000, wait: true });
      logger.info('scheduler_stopped');
    },
  };
}

// LISTEN for wakes (lib/system/wake.ts). If the connection drops, the cron still runs every
// job each minute; wakes only make them sooner.
async function listenForWakes(connectionString: string, wake: (job: WakeableJob) => Promise<unknown>, quiet?: () => boolean) {
  const client = new pg.Client({ connectionString, application_name: 'burnrate-wake' });
  client.on('error', (error) => (quiet?.() ? logger.debug : logger.warn)('wake_listener_error', { error: error.message }));
  client.on('notification', (n) => {
    const job = WAKEABLE_JOBS.find((j) => j === n.payload);
    if (job) wake(job).catch((error: Error) => logger.warn('wake_failed', { job, error: error.message }));
  });
  await client.connect();
  await client.query(`LISTEN ${WAKE_CHANNEL}`);
  return client;
}
