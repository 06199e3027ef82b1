import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeDetectCursor } from '@/lib/detect/run/detect-cursor';
import { freshDatabase } from '@/test/database';
import { checkHealth } from './health';
import { writeHeartbeat } from './heartbeat';
import { recordJobRun } from './job-runs';

// Health says whether detection is current: a rebuild after a restart, a failed run or usage
// judged long ago is degraded, with a line on-call can act on, and no error text (public).
const NOW = Date.parse('2026-03-10T12:00:00Z');
const MIN = 60_000;

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  ctx = await freshDatabase();
});
afterAll(() => ctx.cleanup());
beforeEach(async () => {
  await ctx.prisma.jobRun.deleteMany();
  await ctx.prisma.setting.deleteMany({ where: { key: 'detect.cursor' } });
  await writeHeartbeat(ctx.prisma, { at: new Date(NOW - 10_000).toISOString(), pid: 1, startedAt: new Date(NOW - MIN).toISOString() });
});

const health = () => checkHealth(() => ctx.prisma, NOW);
const detectRun = (detail: Record<string, unknown>) => recordJobRun(ctx.prisma, 'detect', async () => detail);

describe('detection health', () => {
  it('before the first run: waiting, not failing', async () => {
    expect(await health()).toMatchObject({ status: 'ok', detection: { ok: true, throughAt: null, rebuilding: false, detail: 'waiting for its first run' } });
  });

  it('current: usage judged minutes ago', async () => {
    await writeDetectCursor(ctx.prisma, NOW - 3 * MIN);
    await detectRun({ rebuilding: false, observedMinutes: 1 });
    expect(await health()).toMatchObject({ status: 'ok', detection: { ok: true, throughAt: new Date(NOW - 3 * MIN).toISOString(), detail: 'usage judged up to 3 min ago' } });
  });

  it('current to the minute: said so, not "0 min ago"', async () => {
    await writeDetectCursor(ctx.prisma, NOW - 30_000);
    await detectRun({ rebuilding: false, observedMinutes: 1 });
    expect(await health()).toMatchObject({ status: 'ok', detection: { ok: true, detail: 'usage judged up to the last minute' } });
  });

  it('rebuilding its baselines: degraded, and the overview says why pages wait', async () => {
    await writeDetectCursor(ctx.prisma, NOW - 3 * MIN);
    await detectRun({ rebuilding: true, observedMinutes: 0 });
    expect(await health()).toMatchObject({ status: 'degraded', detection: { ok: false, rebuilding: true, detail: expect.stringMatching(/^rebuilding the baselines/) } });
  });

  it('behind: degraded past the lag a failing provider may cause', async () => {
    await writeDetectCursor(ctx.prisma, NOW - 31 * MIN);
    await detectRun({ rebuilding: false, observedMinutes: 0 });
    expect(await health()).toMatchObject({ status: 'degraded', detection: { ok: false, detail: '31 min behind' } });
  });

  it('a failed run: degraded, without the error text (the answer is public)', async () => {
    await writeDetectCursor(ctx.prisma, NOW - 2 * MIN);
    await expect(recordJobRun(ctx.prisma, 'detect', async () => Promise.reject(new Error('connection to 10.0.0.7:5432 refused')))).rejects.toThrow();
    const answer = await health();
    expect(answer).toMatchObject({ status: 'degraded', detection: { ok: false, detail: 'the last run failed (see the server log)' } });
    expect(JSON.stringify(answer)).not.toContain('10.0.0.7');
  });
});
