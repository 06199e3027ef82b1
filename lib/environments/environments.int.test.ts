import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { freshDatabase } from '@/test/database';
import { updateEnvironmentSettingsSchema } from './environment-schemas';
import { listEnvironmentSettings, updateEnvironmentSettings } from './environment-settings';
import { rotationPolicy, rotationPolicyDays, setRotationPolicy } from './rotation-policy';

const actor = { id: null, label: 'admin@example.com' };
let ctx: Awaited<ReturnType<typeof freshDatabase>>;

beforeAll(async () => {
  ctx = await freshDatabase();
  const db = ctx.prisma;
  await db.environment.createMany({ data: [{ name: 'production' }, { name: 'staging' }] });
  const key = (providerKeyId: string, environment: string, status: 'active' | 'deleted' = 'active') =>
    db.apiKey.create({ data: { provider: 'openai', providerKeyId, name: providerKeyId, environment, status } });
  await Promise.all([key('k1', 'production'), key('k2', 'production'), key('k3', 'staging'), key('k4', 'staging', 'deleted')]);
});
afterAll(() => ctx.cleanup());

const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof AppError ? { status: e.status, message: e.message } : e));
const parse = (body: unknown) => updateEnvironmentSettingsSchema.parse(body);

describe('environment settings', () => {
  it('lists environments with their zone, working hours and live key counts', async () => {
    expect(await listEnvironmentSettings(ctx.prisma)).toEqual([
      { name: 'production', timezone: 'UTC', workingHours: null, keyCount: 2 },
      { name: 'staging', timezone: 'UTC', workingHours: null, keyCount: 1 },
    ]);
  });

  it('sets the time zone and working hours, audited before and after', async () => {
    const updated = await updateEnvironmentSettings(ctx.prisma, 'staging', parse({ timezone: 'Europe/Berlin', workingHours: { days: [5, 1, 2, 3, 4], start: '08:00', end: '18:30' } }), actor);
    expect(updated).toEqual({ name: 'staging', timezone: 'Europe/Berlin', workingHours: { days: [1, 2, 3, 4, 5], start: '08:00', end: '18:30' }, keyCount: 1 });
    expect(await ctx.prisma.auditEvent.findFirstOrThrow({ where: { action: 'environment.update', targetId: 'staging' } })).toMatchObject({
      targetType: 'environment',
      actorEmail: 'admin@example.com',
      before: { timezone: 'UTC', workingHours: null },
      after: { timezone: 'Europe/Berlin', workingHours: { days: [1, 2, 3, 4, 5], start: '08:00', end: '18:30' } },
    });
    // null clears the hours; the zone stays.
    expect(await updateEnvironmentSettings(ctx.prisma, 'staging', parse({ workingHours: null }), actor)).toMatchObject({ timezone: 'Europe/Berlin', workingHours: null });
    expect((await ctx.prisma.environment.findUniqueOrThrow({ where: { name: 'staging' } })).workingHours).toBeNull();
    expect(await failure(updateEnvironmentSettings(ctx.prisma, 'nowhere', parse({ timezone: 'UTC' }), actor))).toMatchObject({ status: 404 });
  });

  it.each([
    [{ timezone: 'Mars/Olympus' }, 'timezone', 'IANA time zone name'],
    [{ timezone: '+01:00' }, 'timezone', 'IANA time zone name'],
    [{ workingHours: { days: [], start: '08:00', end: '18:00' } }, 'workingHours.days', ''],
    [{ workingHours: { days: [1, 8], start: '08:00', end: '18:00' } }, 'workingHours.days.1', ''],
    [{ workingHours: { days: [1, 1], start: '08:00', end: '18:00' } }, 'workingHours.days', 'list each day once'],
    [{ workingHours: { days: [1], start: '8am', end: '18:00' } }, 'workingHours.start', 'start is HH:MM'],
    [{ workingHours: { days: [1], start: '09:00', end: '09:00' } }, 'workingHours.end', 'start and end are the same time'],
    [{}, '', 'nothing to change'],
  ])('refuses %j on %s', (body, path, message) => {
    const issue = updateEnvironmentSettingsSchema.safeParse(body).error?.issues[0];
    expect(issue?.path.join('.')).toBe(path);
    expect(issue?.message).toContain(message);
  });
});

describe('rotation policy', () => {
  it('is 90 days until set, then what was set, audited', async () => {
    expect(await rotationPolicy(ctx.prisma)).toEqual({ rotationDays: 90, isDefault: true, defaultDays: 90 });
    expect(await setRotationPolicy(ctx.prisma, 30, actor)).toEqual({ rotationDays: 30, isDefault: false, defaultDays: 90 });
    expect(await rotationPolicyDays(ctx.prisma)).toBe(30);
    expect((await ctx.prisma.setting.findUniqueOrThrow({ where: { key: 'hygiene.rotationDays' } })).value).toBe(30);
    await setRotationPolicy(ctx.prisma, 45, actor);
    expect(await ctx.prisma.auditEvent.findMany({ where: { action: 'setting.update' }, orderBy: { id: 'asc' }, select: { before: true, after: true } })).toEqual([
      { before: { rotationDays: null }, after: { rotationDays: 30 } },
      { before: { rotationDays: 30 }, after: { rotationDays: 45 } },
    ]);
    await expect(setRotationPolicy(ctx.prisma, 0, actor)).rejects.toThrow(/at least 1/);
  });
});
