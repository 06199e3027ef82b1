import { z } from 'zod';
import type { PrismaClient } from '@/generated/prisma/client';
import { HYGIENE_PREVIEW, hygieneRules } from './key-schemas';
import type { HygieneFinding, HygienePolicy, HygieneQuery, HygieneReport, HygieneRule } from './key-schemas';

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
/** Keys named in a shared-project finding; a project with hundreds says how many more. */
const NAMED_KEYS = 3;
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
    const project = byProject.get(id);
    if (project) project.push(k);
    else byProject.set(id, [k]);
  }

  // Per project and tier, the keys on each side, counted once (not once per key: a project
  // with thousands of keys would otherwise be quadratic).
  const sides = new Map<string, { production: HygieneKey[]; lower: HygieneKey[] }>();
  for (const [id, project] of byProject) {
    sides.set(id, {
      production: project.filter((o) => environmentTier(o.environment) === 'production'),
      lower: project.filter((o) => environmentTier(o.environment) === 'lower'),
    });
  }

  for (const k of live) {
    if (k.providerCreatedAt !== null && nowMs - k.providerCreatedAt > policy.rotationDays * DAY_MS) {
      add(k, 'rotation_overdue', `Created ${days(nowMs - k.providerCreatedAt)} days ago; the rotation policy is ${policy.rotationDays} days.`);
    }
    const side = k.projectId === null ? undefined : sides.get(`${k.provider}\0${k.projectId}`);
    const tier = environmentTier(k.environment);
    if (side && tier !== 'other') {
      const otherSide = tier === 'production' ? side.lower : side.production;
      if (otherSide.length > 0) {
        const named = otherSide.slice(0, NAMED_KEYS).map((o) => `${o.name} in ${o.environment}`).join(', ');
        const names = otherSide.length > NAMED_KEYS ? `${named} and ${otherSide.length - NAMED_KEYS} more` : named;
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

async function loadHygiene(db: PrismaClient, nowMs: number) {
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
  return { policy, keys, findings: findHygieneIssues(keys, policy, nowMs) };
}

/** One key's findings (the shared-project rule still sees every key). */
export async function keyHygiene(db: PrismaClient, nowMs: number, keyId: string): Promise<HygieneFinding[]> {
  const { findings } = await loadHygiene(db, nowMs);
  return findings.filter((f) => f.keyId === keyId);
}

/**
 * The hygiene page's answer: counts per rule, and either one rule's page of findings or the
 * first few of every rule. Thousands of keys make thousands of findings; the page never
 * receives them all.
 */
export async function hygieneReport(db: PrismaClient, nowMs: number, query: HygieneQuery = { page: 1, pageSize: 50 }): Promise<HygieneReport> {
  const { policy, keys, findings } = await loadHygiene(db, nowMs);
  const byRule = new Map<HygieneRule, HygieneFinding[]>(hygieneRules.map((r) => [r, []]));
  for (const f of findings) byRule.get(f.rule)!.push(f);
  const counts = Object.fromEntries(hygieneRules.map((r) => [r, byRule.get(r)!.length])) as Record<HygieneRule, number>;
  const shown = query.rule
    ? byRule.get(query.rule)!.slice((query.page - 1) * query.pageSize, query.page * query.pageSize)
    : hygieneRules.flatMap((r) => byRule.get(r)!.slice(0, HYGIENE_PREVIEW));
  return {
    asOf: new Date(nowMs).toISOString(),
    policy,
    keyCount: keys.filter((k) => !k.providerKeyId.startsWith('(')).length,
    counts,
    rule: query.rule ?? null,
    page: query.rule ? query.page : 1,
    pageSize: query.rule ? query.pageSize : HYGIENE_PREVIEW,
    findings: shown,
  };
}
