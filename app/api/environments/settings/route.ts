import { prisma } from '@/lib/db';
import { environmentsSettingsSchema } from '@/lib/environments/environment-schemas';
import { listEnvironmentSettings } from '@/lib/environments/environment-settings';
import { route } from '@/lib/http';

export const dynamic = 'force-dynamic';

export const GET = route({ access: 'read', response: environmentsSettingsSchema }, async () => ({ environments: await listEnvironmentSettings(prisma()) }));
