import { Prisma, type PrismaClient } from '@/generated/prisma/client';
import { workingHoursSchema } from '@/lib/detect/kinds/working-hours';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/incidents/incident-actions';
import type { EnvironmentSettingsView, UpdateEnvironmentSettingsInput } from './environment-schemas';

// Each environment's time zone and working hours: the off-hours detector reads them, and
// budgets' calendar months follow the zone. Environments themselves appear with the keys
// that use them; here they are only configured. Every change is audited.

type Row = { name: string; timezone: string; workingHours: Prisma.JsonValue };

// A stored value that no longer parses is shown as unset rather than breaking the page.
const hoursOf = (value: Prisma.JsonValue) => {
  const parsed = workingHoursSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
};

const view = (row: Row, keyCount: number): EnvironmentSettingsView => ({ name: row.name, timezone: row.timezone, workingHours: hoursOf(row.workingHours), keyCount });
const audited = (row: Row): Prisma.InputJsonObject => ({ timezone: row.timezone, workingHours: hoursOf(row.workingHours) });

export async function listEnvironmentSettings(db: PrismaClient): Promise<EnvironmentSettingsView[]> {
  const [rows, counts] = await Promise.all([
    db.environment.findMany({ select: { name: true, timezone: true, workingHours: true }, orderBy: { name: 'asc' } }),
    db.apiKey.groupBy({ by: ['environment'], where: { status: { not: 'deleted' } }, _count: { _all: true } }),
  ]);
  const keys = new Map(counts.map((c) => [c.environment, c._count._all]));
  return rows.map((r) => view(r, keys.get(r.name) ?? 0));
}

export async function updateEnvironmentSettings(db: PrismaClient, name: string, input: UpdateEnvironmentSettingsInput, actor: Actor): Promise<EnvironmentSettingsView> {
  return db.$transaction(async (tx) => {
    const before = await tx.environment.findUnique({ where: { name }, select: { name: true, timezone: true, workingHours: true } });
    if (!before) throw new AppError('not_found', `No environment "${name}"; environments are named after the keys that use them`);
    const data: Prisma.EnvironmentUpdateInput = {};
    if (input.timezone !== undefined) data.timezone = input.timezone;
    if (input.workingHours !== undefined) data.workingHours = input.workingHours === null ? Prisma.DbNull : { ...input.workingHours, days: [...input.workingHours.days].sort((a, b) => a - b) };
    const after = await tx.environment.update({ where: { name }, data, select: { name: true, timezone: true, workingHours: true } });
    await tx.auditEvent.create({ data: { actorId: actor.id, actorEmail: actor.label, action: 'environment.update', targetType: 'environment', targetId: name, before: audited(before), after: audited(after) } });
    const keyCount = await tx.apiKey.count({ where: { environment: name, status: { not: 'deleted' } } });
    return view(after, keyCount);
  });
}
