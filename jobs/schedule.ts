// The one table of scheduled jobs. Cron is UTC, at pg-boss's one-minute resolution.
export const SCHEDULE = [
  // Proves to /api/health that the scheduler and its workers are alive.
  { name: 'heartbeat', cron: '* * * * *', demoOnly: false },
  // Demo mode: usage arrives minute by minute, as it would from a provider.
  { name: 'demo-traffic', cron: '* * * * *', demoOnly: true },
  // job_run grows by a few rows a minute; a month of history is plenty to debug with.
  { name: 'prune-job-runs', cron: '17 3 * * *', demoOnly: false },
] as const;

export type JobName = (typeof SCHEDULE)[number]['name'];
