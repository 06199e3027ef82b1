import { prisma } from '@/lib/db';
import { environmentSettingsSchema, updateEnvironmentSettingsSchema } from '@/lib/environments/environment-schemas';
import { updateEnvironmentSettings } from '@/lib/environments/environment-settings';
import { route } from '@/lib/http';
import { environmentNameParam } from '@/lib/keys/environment-param';

export const dynamic = 'force-dynamic';

export const PATCH = route({ access: 'admin', body: updateEnvironmentSettingsSchema, response: environmentSettingsSchema }, ({ body, params, actor }) =>
  updateEnvironmentSettings(prisma(), environmentNameParam(params), body, actor),
);
