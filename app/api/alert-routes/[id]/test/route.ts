import { testResultSchema } from '@/lib/alerts/alert-route-schemas';
import { sendTestAlert } from '@/lib/alerts/alert-routes';
import { prisma } from '@/lib/db';
import { env, publicUrl } from '@/lib/env';
import { idParam, route } from '@/lib/http';

export const dynamic = 'force-dynamic';

export const POST = route({ access: 'admin', response: testResultSchema }, ({ params }) =>
  sendTestAlert(prisma(), idParam(params, 'alert route'), { publicUrl: publicUrl(env()), pagerDutyUrl: process.env.BURNRATE_PAGERDUTY_EVENTS_URL, now: Date.now() }),
);
