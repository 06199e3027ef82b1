import { prisma } from '@/lib/db';
import { rotationPolicyInputSchema, rotationPolicySchema } from '@/lib/environments/environment-schemas';
import { rotationPolicy, setRotationPolicy } from '@/lib/environments/rotation-policy';
import { route } from '@/lib/http';

export const dynamic = 'force-dynamic';

export const GET = route({ access: 'read', response: rotationPolicySchema }, () => rotationPolicy(prisma()));

export const PUT = route({ access: 'admin', body: rotationPolicyInputSchema, response: rotationPolicySchema }, ({ body, actor }) => setRotationPolicy(prisma(), body.rotationDays, actor));
