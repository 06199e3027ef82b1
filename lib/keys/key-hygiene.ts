import { z } from 'zod';
import type { PrismaClient } from '@/generated/prisma/client';
import type { HygieneFinding, HygienePolicy, HygieneReport } from './key-schemas';

// Key hygiene: what a security review would flag about a key, from its metadata alone.
// The rules are pure (keys, policy and now in, findings out); hygieneReport loads them.

const DAY_MS = 86_400_000;
export const DEFAULT_HYGIENE_POLICY: HygienePolicy = { rotationDays: 90, unusedDays: 30 };
/** The Setting row holding the rotation policy in days, e.g. 90. */
export const ROTATION_SETTING = 'hygiene.rotationDays';

export type HygieneKey = {
  id: string;
  name: string;
  provider: 'openai' | 'anthropic';
  providerKeyId: string;
  projectId: string | null;
  projectName: string | null;
  environment: string;
  owner: string | null;
  status: string;
  providerCreatedAt: number | null;
  lastUsedAt: number | null;
  createdAt: number;
};

/** How an environment's name reads: production, a lower environment, or neither. */
export function environmentTier(name: string): 'production' | 'lower' | 'other' {
  const n = name.toLowerCase();
  if (/pre-?prod|dev|stag|test|\bqa\b|sandbox|local/.test(n)) return 'lower';
  if (/prod|\blive\b/.test(n)) return 'production';
  return 'other';
}

const days = (ms: number) => Math.floor(ms / DAY_MS);
const PROVIDER_NAMES = { openai: 'OpenAI project', anthropic: 'Anthropic workspace' } as const;

export function findHygieneIssues(keys: readonly HygieneKey[], policy: HygienePolicy, nowMs: number): HygieneFinding[] {
  // Disabled, deleted and inactive keys cannot be used; placeholders like "(unattributed)" are not keys.
  const live = keys.filter((k) => k.status === 'active' && !k.providerKeyId.startsWith('('));
  const findings: HygieneFinding[] = [];
  const add = (k: HygieneKey, rule: HygieneFinding['rule'], detail: string) => findings.push({ keyId: k.id, keyName: k.name, rule, detail });

  const byProject = new Map<string, HygieneKey[]>();
  for (const k of live) {
    if (k.projectId === null) continue;
    const id = `${k.provider}\0${k.projectId}`;
    byProject.set(id, [...(byProject.get(id) ?? []), k]);
  }

  for (const k of live) {
    if (k.providerCreatedAt !== null && nowMs - k.providerCreatedAt > policy.rotationDays * DAY_MS) {
      add(k, 'rotation_overdue', `Created ${days(nowMs - k.providerCreatedAt)} days ago; the rotation policy is ${policy.rotationDays} days.`);
    }
    const project = k.projectId === null ? [] : (byProject.get(`${k.provider}\0${k.projectId}`) ?? []);
    const tier = environmentTier(k.environment);
    if (tier !== 'other') {
      const otherSide = project.filter((o) => environmentTier(o.environment) === (tier === 'production' ? 'lower' : 'production'));
      if (otherSide.length > 0) {
        const names = otherSide.map((o) => `${o.name} in ${o.environment}`).join(', ');
        add(k, 'shared_project', `${PROVIDER_NAMES[k.provider]} “${k.projectName ?? k.projectId}” is shared with ${tier === 'production' ? 'non-production' : 'production'} keys: ${names}.`);
      }
    }
    const since = k.providerCreatedAt ?? k.createdAt;
    if (k.lastUsedAt !== null ? nowMs - k.lastUsedAt > policy.unusedDays * DAY_MS : nowMs - since > policy.unusedDays * DAY_MS) {
      add(k, 'unused', k.lastUsedAt !== null ? `Last used ${days(nowMs - k.lastUsedAt)} days ago.` : `Never used since it was created ${days(nowMs - since)} days ago.`);
    }
    if (!k.owner?.trim()) add(k, 'no_owner', 'Nobody owns this key: no one to ask before rotating or disabling it.');
  }
  return findings;
}

const rotationDaysSchema = z.number().int().min(1).max(3650);

/** The findings for every key, or for one key (the shared-project rule still sees them all). */
export async function hygieneReport(db: PrismaClient, nowMs: number, only?: { keyId: string }): Promise<HygieneReport> {
  const [rows, setting] = await Promise.all([
    db.apiKey.findMany({
      where: { status: 'active' },
      select: {
        id: true, name: true, provider: true, providerKeyId: true, projectId: true, projectName: true, environment: true,
        owner: true, status: true, providerCreatedAt: true, lastUsedAt: true, createdAt: true,
      },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
    }),
    db.setting.findUnique({ where: { key: ROTATION_SETTING }, select: { value: true } }),
  ]);
  const rotation = rotationDaysSchema.safeParse(setting?.value);
  const policy = { ...DEFAULT_HYGIENE_POLICY, ...(rotation.success ? { rotationDays: rotation.data } : {}) };
  const keys = rows.map((r) => ({
    ...r,
    providerCreatedAt: r.providerCreatedAt?.getTime() ?? null,
    lastUsedAt: r.lastUsedAt?.getTime() ?? null,
    createdAt: r.createdAt.getTime(),
  }));
  const findings = findHygieneIssues(keys, policy, nowMs).filter((f) => !only || f.keyId === only.keyId);
  const keyCount = only ? keys.filter((k) => k.id === only.keyId).length : keys.filter((k) => !k.providerKeyId.startsWith('(')).length;
  return { asOf: new Date(nowMs).toISOString(), policy, keyCount, findings };
}
