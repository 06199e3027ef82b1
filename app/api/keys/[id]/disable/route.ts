import { prisma } from '@/lib/db';
import { idParam, route } from '@/lib/http';
import { disableKey } from '@/lib/keys/disable-key';
import { keyDetail } from '@/lib/keys/key-queries';
import { disableKeyBodySchema, keyDetailSchema } from '@/lib/keys/key-schemas';

export const dynamic = 'force-dynamic';

export const POST = route({ access: 'key.disable', body: disableKeyBodySchema, response: keyDetailSchema }, async ({ params, body, actor }) => {
  const id = idParam(params, 'key');
  await disableKey(prisma(), id, { confirmName: body.confirmName, actor, now: Date.now(), env: process.env });
  return keyDetail(prisma(), id, Date.now());
});
