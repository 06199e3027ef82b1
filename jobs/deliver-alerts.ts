import type { PrismaClient } from '@/generated/prisma/client';
import { deliverDueAlerts } from '@/lib/alerts/deliver-alerts';
import { readSecret } from '@/lib/secrets/secret-store';
import { recordJobRun } from '@/lib/system/job-runs';
import type { JobHandler } from './scheduler';

// Alert delivery: thin. One run sends what is due for up to ~50 s; the next is at most a
// minute away (or woken at once by a new delivery).
export function deliverAlertsJob(db: PrismaClient, options: { pagerDutyUrl?: string }): JobHandler {
  return () => recordJobRun(db, 'deliver-alerts', async () => ({ ...(await deliverDueAlerts(db, { readTarget: (id) => readSecret(db, id), pagerDutyUrl: options.pagerDutyUrl })) }));
}
