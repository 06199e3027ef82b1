import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '@/generated/prisma/client';
import { freshDatabase } from '@/test/database';

// The migrations are SQL written beside schema.prisma; this exercises every model through
// the generated client against the migrated database, so the two cannot drift apart unseen.

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  ctx = await freshDatabase();
});
afterAll(() => ctx.cleanup());

describe('schema.prisma and the migrations agree', () => {
  it('every model can be written and read back with every field', async () => {
    const db = ctx.prisma;
    const secret = await db.secret.create({
      data: { ciphertext: Buffer.from('c'), iv: Buffer.from('i'), authTag: Buffer.from('t'), wrappedKey: Buffer.from('w'), masterKeyId: 'mk1', hint: 'sk-...fake' },
    });
    const connection = await db.providerConnection.create({
      data: { provider: 'openai', name: 'Org', demo: true, baseUrl: 'http://127.0.0.1:1', secretId: secret.id, syncCursor: { completions: 1 }, syncStatus: 'ok', lastSyncAt: new Date(), lastSuccessAt: new Date(), lastError: null },
    });
    await db.environment.create({ data: { name: 'production', timezone: 'Europe/Berlin', workingHours: { days: [1, 2, 3, 4, 5], start: '08:00', end: '19:00' } } });
    const key = await db.apiKey.create({
      data: {
        connectionId: connection.id, provider: 'openai', providerKeyId: 'key_fake', name: 'K', redactedHint: 'sk-...fake', projectId: 'proj_fake', projectName: 'P',
        environment: 'production', owner: 'o@example.com', tags: ['a'], providerCreatedAt: new Date(), lastUsedAt: new Date(), disabledAt: null, disabledBy: null,
      },
    });
    await db.usageBucket.create({
      data: { keyId: key.id, bucketStart: new Date(), widthSeconds: 60, model: 'm', region: 'DE', source: 'ingest', requests: 1, inputTokens: 10n, cachedInputTokens: 1n, cacheWriteTokens: 2n, outputTokens: 3n, costUsd: new Prisma.Decimal('0.12345678'), costSource: 'priced' },
    });
    await db.budget.create({ data: { scope: 'key', keyId: key.id, monthlyUsd: new Prisma.Decimal(100), thresholds: [50, 100], timezone: 'Europe/Berlin' } });
    const incident = await db.incident.create({
      data: { kind: 'spike', keyId: key.id, environment: 'production', severity: 'critical', summary: 's', evidence: { multiple: 9 }, dedupKey: 'spike:key_fake:1', openedAt: new Date(), lastSeenAt: new Date(), feedback: 'leak', feedbackNote: 'n', feedbackBy: 'u', feedbackAt: new Date() },
    });
    await db.incidentEvent.create({ data: { incidentId: incident.id, at: new Date(), type: 'finding', actor: null, data: { z: 12 } } });
    const route = await db.alertRoute.create({ data: { name: 'R', channel: 'pagerduty', secretId: secret.id, environments: ['production'], kinds: ['spike', 'budget'], minSeverity: 'error', keyTags: ['a'], digest: false } });
    const delivery = await db.alertDelivery.create({ data: { incidentId: incident.id, routeId: route.id, action: 'trigger', idempotencyKey: `${incident.id}:${route.id}:trigger:1`, payload: { a: 1 }, channelRef: 'dedup' } });
    await db.deliveryAttempt.create({ data: { deliveryId: delivery.id, httpStatus: 202, error: null, durationMs: 12 } });
    const user = await db.user.create({ data: { email: 'a@example.com', emailVerified: true, name: 'A', image: null, role: 'admin', mustChangePassword: true, lastLoginAt: new Date(), disabledAt: null } });
    await db.account.create({ data: { userId: user.id, accountId: user.id, providerId: 'credential', passwordHash: '$argon2id$x' } });
    await db.account.create({ data: { userId: user.id, accountId: 'sub-1', providerId: 'oidc', accessToken: 'a', refreshToken: 'r', idToken: 'i', accessTokenExpiresAt: new Date(), refreshTokenExpiresAt: new Date(), scope: 'openid' } });
    await db.session.create({ data: { userId: user.id, token: 'tok', expiresAt: new Date(Date.now() + 60_000), ipAddress: '127.0.0.1', userAgent: 'test' } });
    await db.verification.create({ data: { identifier: 'state', value: 'v', expiresAt: new Date() } });
    await db.loginFailure.create({ data: { email: 'a@example.com', ip: '127.0.0.1' } });
    const token = await db.ingestToken.create({ data: { name: 'gw', tokenHash: 'h', hint: 'brn_abc', environment: 'production', createdBy: 'a' } });
    await db.ingestEvent.create({
      data: { tokenId: token.id, eventId: 'e1', occurredAt: new Date(), keyId: key.id, model: 'm', region: 'US', inputTokens: 1n, cachedInputTokens: 0n, cacheWriteTokens: 0n, outputTokens: 2n, costUsd: new Prisma.Decimal('0.5') },
    });
    await db.jobRun.create({ data: { job: 'j', connectionId: connection.id, status: 'succeeded', finishedAt: new Date(), detail: { n: 1 } } });
    await db.auditEvent.create({ data: { actorEmail: 'a@example.com', action: 'budget.update', targetType: 'budget', targetId: '1', before: {}, after: {}, ip: '127.0.0.1' } });
    await db.setting.create({ data: { key: 'k', value: { v: 1 } } });

    const read = await db.apiKey.findUniqueOrThrow({
      where: { id: key.id },
      include: { usage: true, budget: true, incidents: { include: { events: true, deliveries: { include: { tries: true, route: { include: { secret: true } } } } } }, connection: true, env: true },
    });
    expect(read.usage[0]!.costUsd.toString()).toBe('0.12345678');
    expect(read.usage[0]!.inputTokens).toBe(10n);
    expect(read.budget!.thresholds).toEqual([50, 100]);
    expect(read.incidents[0]!.deliveries[0]!.tries[0]!.httpStatus).toBe(202);
    expect(read.incidents[0]!.deliveries[0]!.route.kinds).toEqual(['spike', 'budget']);
    expect(read.env.timezone).toBe('Europe/Berlin');
    const signedIn = await db.user.findUniqueOrThrow({ where: { email: 'a@example.com' }, include: { accounts: true, sessions: true } });
    expect(signedIn.accounts.map((a) => a.providerId).sort()).toEqual(['credential', 'oidc']);
    expect(signedIn.sessions[0]!.token).toBe('tok');
    for (const model of Object.values(Prisma.ModelName)) {
      const delegate = (db as unknown as Record<string, { count: () => Promise<number> }>)[model.charAt(0).toLowerCase() + model.slice(1)]!;
      expect(await delegate.count(), model).toBeGreaterThan(0);
    }
  });

  it('keeps a usage bucket unique per key, start, width, model, region and source', async () => {
    const db = ctx.prisma;
    const key = await db.apiKey.findFirstOrThrow();
    const data = { keyId: key.id, bucketStart: new Date('2026-01-01T00:00:00Z'), widthSeconds: 60, model: 'm', region: '', source: 'provider' as const };
    await db.usageBucket.create({ data });
    await expect(db.usageBucket.create({ data })).rejects.toThrow(/Unique constraint/);
    await db.usageBucket.create({ data: { ...data, region: 'US' } });
  });

  it('enforces what the schema language cannot say', async () => {
    const db = ctx.prisma;
    await expect(db.budget.create({ data: { scope: 'environment', monthlyUsd: new Prisma.Decimal(10) } })).rejects.toThrow(/budget_scope_target/);
    await expect(db.budget.create({ data: { scope: 'environment', environment: 'production', monthlyUsd: new Prisma.Decimal(0) } })).rejects.toThrow(/budget_monthly_usd_positive/);
    const key = await db.apiKey.findFirstOrThrow();
    await expect(db.usageBucket.create({ data: { keyId: key.id, bucketStart: new Date(), widthSeconds: 61, model: 'm', source: 'provider' } })).rejects.toThrow(/usage_bucket_width/);
  });
});
