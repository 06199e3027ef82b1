import { requestActor } from '@/lib/auth/request-actor';
import { prisma } from '@/lib/db';
import { idParam, route } from '@/lib/http';
import { disableKey } from '@/lib/keys/disable-key';
import { keyDetail } from '@/lib/keys/key-queries';
import { disableKeyBodySchema, keyDetailSchema } from '@/lib/keys/key-schemas';

export const dynamic = 'force-dynamic';

export const POST = route({ body: disableKeyBodySchema, response: keyDetailSchema }, async ({ params, body, request }) => {
  const id = idParam(params, 'key');
  await disableKey(prisma(), id, { confirmName: body.confirmName, actor: requestActor(request), now: Date.now(), env: process.env });
  return keyDetail(prisma(), id, Date.now());
});
