// The one table of scheduled jobs. Cron is UTC, at pg-boss's one-minute resolution.
export const SCHEDULE = [
  // Proves to /api/health that the scheduler and its workers are alive.
  { name: 'heartbeat', cron: '* * * * *' },
  // Each minute: the minutes since the last pull, per connection (fans out).
  { name: 'pull-recent', cron: '* * * * *' },
  // Each minute (and right after each minute pull): detect on the minutes every source
  // has delivered, record incidents, close quiet ones.
  { name: 'detect', cron: '* * * * *' },
  // Month-to-date spend against each budget. A monthly budget moves slowly; five minutes
  // keeps a threshold page timely without a month-sized spend query every minute.
  { name: 'budgets', cron: '*/5 * * * *' },
  // Sends the alert outbox. Woken at once by each new delivery (NOTIFY); the cron retries
  // what is due after a backoff.
  { name: 'deliver-alerts', cron: '* * * * *' },
  // Providers revise recent buckets for days: re-read the last three hourly.
  { name: 'reread-recent', cron: '7 * * * *' },
  // Names, owners and status of keys change rarely; new keys show up in usage anyway.
  { name: 'sync-keys', cron: '*/15 * * * *' },
  // Stored (priced) cost against the providers' cost reports, per day.
  { name: 'reconcile-costs', cron: '40 * * * *' },
  // Minute buckets older than the retention become hour buckets.
  { name: 'rollup-minutes', cron: '5 * * * *' },
  // Job runs and ingest events past their use.
  { name: 'prune', cron: '17 3 * * *' },
] as const;

export type ScheduledJobName = (typeof SCHEDULE)[number]['name'];

// Queues fed by the scheduled jobs above, one job per connection and purpose. pg-boss's
// `stately` policy with the singleton key keeps at most one queued and one running job
// per key, across every worker process.
export const FAN_OUT_QUEUES = ['connection'] as const;
export type FanOutQueueName = (typeof FAN_OUT_QUEUES)[number];

export type JobName = ScheduledJobName | FanOutQueueName;
