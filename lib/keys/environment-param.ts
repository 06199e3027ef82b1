import type { PrismaClient } from '@/generated/prisma/client';
import { AppError } from '@/lib/errors';
import { environmentNameSchema } from './key-schemas';

/** The `[name]` segment of an environment route: an environment that exists, or a 404. */
export async function environmentParam(db: PrismaClient, params: Record<string, string>): Promise<string> {
  const parsed = environmentNameSchema.safeParse(safeDecode(params.name ?? ''));
  const name = parsed.success ? parsed.data : '';
  const found = name ? await db.environment.findUnique({ where: { name }, select: { name: true } }) : null;
  if (!found) throw new AppError('not_found', `No environment "${params.name ?? ''}"; environments are named after the keys that use them`);
  return found.name;
}

// Segments may arrive percent-encoded; a name with a literal "%" must not throw.
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
