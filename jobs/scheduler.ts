import PgBoss from 'pg-boss';
import { logger } from '@/lib/log';
import { SCHEDULE, type JobName } from './schedule';

// Starts pg-boss on the app's database (its own `pgboss` schema), registers one worker per
// scheduled job and the cron entries. A handler throws to have pg-boss retry it.

export type JobHandler = () => Promise<unknown>;

export type Scheduler = { stop: () => Promise<void>; runNow: (name: string) => Promise<void> };

export async function startScheduler(
  connectionString: string,
  handlers: Record<JobName, JobHandler>,
  options: { demo: boolean; quiet?: () => boolean },
): Promise<Scheduler> {
  const boss = new PgBoss({ connectionString, schema: 'pgboss', max: 4, application_name: 'burnrate-scheduler' });
  // During shutdown the database may close connections first (Ctrl-C reaches it too).
  boss.on('error', (error: Error) => (options.quiet?.() ? logger.debug : logger.error)('scheduler_error', { error: error.message }));
  await boss.start();

  const active = SCHEDULE.filter((job) => options.demo || !job.demoOnly);
  for (const job of active) {
    const handler = handlers[job.name];
    // Retries are cheap: every job is safe to re-run. Short expiry: a stuck minute job
    // must not block the next minute's.
    await boss.createQueue(job.name, { name: job.name, policy: 'singleton', retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: 120 });
    await boss.work(job.name, { pollingIntervalSeconds: 2 }, async () => {
      await handler();
    });
    await boss.schedule(job.name, job.cron, undefined, { tz: 'UTC' });
  }
  // Jobs no longer in the table (or demo jobs when the demo is off) stop firing.
  for (const existing of await boss.getSchedules()) {
    if (!active.some((job) => job.name === existing.name)) await boss.unschedule(existing.name);
  }
  logger.info('scheduler_started', { jobs: active.map((j) => j.name).join(',') });

  return {
    async runNow(name) {
      await boss.send(name, {});
    },
    async stop() {
      await boss.stop({ graceful: true, timeout: 10_000, wait: true });
      logger.info('scheduler_stopped');
    },
  };
}
