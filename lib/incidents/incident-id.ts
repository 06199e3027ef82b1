import { z } from 'zod';
import { AppError } from '@/lib/errors';

const idSchema = z.uuid();

/** The `[id]` of an incident route, or a 404 that says what was wrong (not a database error). */
export function incidentId(params: Record<string, string>): string {
  const parsed = idSchema.safeParse(params.id);
  if (!parsed.success) throw new AppError('not_found', `No incident "${params.id}": incident ids look like 0b6f2c1e-…`);
  return parsed.data;
}
