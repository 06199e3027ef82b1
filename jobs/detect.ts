import type { PrismaClient } from '@/generated/prisma/client';
import { createDetectionEngine, type EngineOptions } from '@/lib/detect/run/detection-engine';
import { recordJobRun } from '@/lib/system/job-runs';
import type { JobHandler } from './scheduler';

// Detection: thin. The engine keeps the baselines of this process in memory; the queue's
// `stately` policy runs one detect job at a time.
export function detectJob(db: PrismaClient, options: EngineOptions): JobHandler {
  const engine = createDetectionEngine(options);
  return () =>
    recordJobRun(db, 'detect', async () => {
      const run = await engine.run(db, Date.now());
      const peek = await engine.peek(db, Date.now());
      return { ...run, peekOpened: peek.opened, peekAbsorbed: peek.absorbed };
    });
}
