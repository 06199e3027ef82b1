import type { PrismaClient } from '@/generated/prisma/client';
import { AppError } from '@/lib/errors';
import { environmentNameSchema } from './key-schemas';

const notFound = (segment: string) => new AppError('not_found', `No environment "${segment}"; environments are named after the keys that use them`);

/** The `[name]` segment of an environment route, decoded and checked: a name, or a 404 (no environment could have it). */
export function environmentNameParam(params: Record<string, string>): string {
  const parsed = environmentNameSchema.safeParse(safeDecode(params.name ?? ''));
  if (!parsed.success) throw notFound(params.name ?? '');
  return parsed.data;
}

/** The `[name]` segment of an environment route: an environment that exists, or a 404. */
export async function environmentParam(db: PrismaClient, params: Record<string, string>): Promise<string> {
  const name = environmentNameParam(params);
  const found = await db.environment.findUnique({ where: { name }, select: { name: true } });
  if (!found) throw notFound(params.name ?? '');
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
