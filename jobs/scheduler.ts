import PgBoss from 'pg-boss';
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
  const boss = new PgBoss({ connectionString, schema: 'pgboss', max: 6, application_name: 'burnrate-scheduler' });
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
  logger.info('scheduler_started', { queues: queues.length });

  return {
    async runNow(name, data = {}) {
      await boss.send(name, data);
    },
    async stop() {
      await boss.stop({ graceful: true, timeout: 10_000, wait: true });
      logger.info('scheduler_stopped');
    },
  };
}
