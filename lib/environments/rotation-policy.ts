import type { PrismaClient } from '@/generated/prisma/client';
import type { Actor } from '@/lib/incidents/incident-actions';
import { ROTATION_DAYS_DEFAULT, rotationDaysSchema, type RotationPolicy } from './environment-schemas';

// How old a key may get before key hygiene asks for its rotation. Stored in the `setting`
// table under the key lib/keys/key-hygiene.ts reads (ROTATION_SETTING there).
export const ROTATION_SETTING_KEY = 'hygiene.rotationDays';

/** The policy in days: the stored setting, or 90 when unset or unreadable. */
export async function rotationPolicyDays(db: PrismaClient): Promise<number> {
  return (await rotationPolicy(db)).rotationDays;
}

export async function rotationPolicy(db: PrismaClient): Promise<RotationPolicy> {
  const row = await db.setting.findUnique({ where: { key: ROTATION_SETTING_KEY }, select: { value: true } });
  const stored = rotationDaysSchema.safeParse(row?.value);
  return { rotationDays: stored.success ? stored.data : ROTATION_DAYS_DEFAULT, isDefault: !stored.success, defaultDays: ROTATION_DAYS_DEFAULT };
}

export async function setRotationPolicy(db: PrismaClient, rotationDays: number, actor: Actor): Promise<RotationPolicy> {
  const days = rotationDaysSchema.parse(rotationDays);
  await db.$transaction(async (tx) => {
    const before = await tx.setting.findUnique({ where: { key: ROTATION_SETTING_KEY }, select: { value: true } });
    await tx.setting.upsert({ where: { key: ROTATION_SETTING_KEY }, create: { key: ROTATION_SETTING_KEY, value: days }, update: { value: days } });
    await tx.auditEvent.create({
      data: { actorId: actor.id, actorEmail: actor.label, action: 'setting.update', targetType: 'setting', targetId: ROTATION_SETTING_KEY, before: { rotationDays: before?.value ?? null }, after: { rotationDays: days } },
    });
  });
  return { rotationDays: days, isDefault: false, defaultDays: ROTATION_DAYS_DEFAULT };
}
