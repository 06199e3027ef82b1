import type { PrismaClient } from '@/generated/prisma/client';
import type { Range } from '@/lib/usage/overview-schemas';
import type { BenchKey } from './bench-keys';
import { BENCH_ENVIRONMENTS } from './bench-keys';
import type { Prng } from './prng';

// The lists that paginate past 10,000 keys (issue 6), timed through their route handlers
// like bench/api.ts's: the keys table sorted by cost, the budgets page, and a key's and an
// environment's breakdown by model and region.

// Zones with DST, half-hour and 45-minute offsets: a local day there does not start on a UTC hour.
const ZONES = ['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Adelaide', 'America/St_Johns'];
// One key in this many has its own budget; every environment has one.
const KEYS_PER_BUDGET = 20;
const KEYS_PAGE_SIZE = 50;
const RANGES: Range[] = ['24h', '7d', '30d', '90d'];

export async function seedBenchBudgets(db: PrismaClient, keys: readonly BenchKey[]): Promise<number> {
  const keyBudgets = keys
    .filter((_, i) => i % KEYS_PER_BUDGET === 0)
    .map((k, i) => ({ scope: 'key' as const, keyId: k.id, monthlyUsd: '500.00', timezone: ZONES[i % ZONES.length]! }));
  const environmentBudgets = BENCH_ENVIRONMENTS.map((environment, i) => ({ scope: 'environment' as const, environment, monthlyUsd: '100000.00', timezone: ZONES[(i + 3) % ZONES.length]! }));
  const { count } = await db.budget.createMany({ data: [...keyBudgets, ...environmentBudgets] });
  return count;
}

type Call = (handler: Handler, url: string, params?: Record<string, string>) => Promise<void>;
type Handler = (request: Request, context?: { params?: Promise<unknown> }) => Promise<Response>;
type Time = (n: number, call: (i: number) => Promise<unknown>) => Promise<number[]>;

export type ExtraRouteTimes = { keysPageByCost: number[]; budgetsList: number[]; keyBreakdown: number[]; environmentBreakdown: number[] };

export async function timeExtraRoutes(opts: { call: Call; time: Time; prng: Prng; keys: readonly BenchKey[]; requests: number; log: (line: string) => void }): Promise<ExtraRouteTimes> {
  const { call, time, prng, keys, requests: n } = opts;
  const keysList = (await import('@/app/api/keys/route')).GET as Handler;
  const budgets = (await import('@/app/api/budgets/route')).GET as Handler;
  const keyBreakdown = (await import('@/app/api/keys/[id]/breakdown/route')).GET as Handler;
  const environmentBreakdown = (await import('@/app/api/environments/[name]/breakdown/route')).GET as Handler;
  const pages = Math.max(1, Math.ceil(keys.length / KEYS_PAGE_SIZE));

  opts.log(`timing ${n} requests each of the keys list, budgets list and breakdowns…`);
  await call(keysList, `/api/keys?sort=cost&pageSize=${KEYS_PAGE_SIZE}`);
  const keysPageByCost = await time(n, () => call(keysList, `/api/keys?sort=cost&pageSize=${KEYS_PAGE_SIZE}&page=${1 + Math.floor(prng.next() * pages)}`));
  const budgetsList = await time(n, () => call(budgets, '/api/budgets'));
  const keyBreakdownMs = await time(n, () => call(keyBreakdown, `/api/keys/x/breakdown?range=${prng.pick(RANGES)}`, { id: prng.pick(keys).id }));
  const environmentBreakdownMs = await time(n, (i) => call(environmentBreakdown, `/api/environments/x/breakdown?range=${RANGES[i % RANGES.length]}`, { name: prng.pick(BENCH_ENVIRONMENTS) }));
  return { keysPageByCost, budgetsList, keyBreakdown: keyBreakdownMs, environmentBreakdown: environmentBreakdownMs };
}

type Pair = (raw: (i: number) => Promise<unknown>, rollup: (i: number) => Promise<unknown>) => Promise<unknown>;

/** The raw-bucket queries of these lists (test/raw-usage.ts) against the product's, on the same database. */
export async function extraBaseline(db: PrismaClient, keys: readonly BenchKey[], nowMs: number, prng: Prng, pair: Pair): Promise<Record<string, unknown>> {
  const { keysPage } = await import('@/lib/usage/keys-page');
  const { dailySpend, budgetSubject } = await import('@/lib/budgets/budget-spend');
  const { keyBreakdown } = await import('@/lib/keys/key-breakdown');
  const { spendWindow } = await import('@/lib/budgets/budget-standing');
  const { HISTORY_MONTHS } = await import('@/lib/budgets/budgets');
  const { rawBreakdown, rawDailyCosts, rawDailySpend, rawKeyTotals } = await import('@/test/raw-usage');
  const pages = Math.max(1, Math.ceil(keys.length / KEYS_PAGE_SIZE));
  const pageOf = Array.from({ length: 1000 }, () => 1 + Math.floor(prng.next() * pages));
  const keyOf = Array.from({ length: 1000 }, () => prng.pick(keys).id);
  const budgets = await db.budget.findMany({ select: { scope: true, keyId: true, environment: true, timezone: true } });
  const ranges = budgets.map((b) => ({ subject: budgetSubject(b), timezone: b.timezone, ...spendWindow(nowMs, b.timezone, HISTORY_MONTHS) }));
  const query = (page: number) => ({ sort: 'cost' as const, page, pageSize: KEYS_PAGE_SIZE });
  // The old keys page's two queries: every key's totals (to sort; cut here), then the page's daily costs.
  const rawKeysPage = async (page: number) => {
    const totals = [...(await rawKeyTotals(db, nowMs)).entries()].sort((a, b) => b[1].mtd - a[1].mtd).slice((page - 1) * KEYS_PAGE_SIZE, page * KEYS_PAGE_SIZE);
    return rawDailyCosts(db, totals.map(([id]) => id), nowMs);
  };
  return {
    keysPageByCost: await pair((i) => rawKeysPage(pageOf[i % 1000]!), (i) => keysPage(db, query(pageOf[i % 1000]!), nowMs)),
    budgetsDailySpend: await pair(() => rawDailySpend(db, ranges), () => dailySpend(db, ranges)),
    keyBreakdown90d: await pair((i) => rawBreakdown(db, { keyId: keyOf[i % 1000]! }, '90d', nowMs), (i) => keyBreakdown(db, { keyId: keyOf[i % 1000]! }, { range: '90d' }, nowMs)),
    environmentBreakdown7d: await pair(() => rawBreakdown(db, { environment: 'staging' }, '7d', nowMs), () => keyBreakdown(db, { environment: 'staging' }, { range: '7d' }, nowMs)),
  };
}
