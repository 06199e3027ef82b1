import type { PrismaClient } from '@/generated/prisma/client';
import { FakeTraffic } from '@/fakes/fake-traffic';
import { startFakeAnthropic, type FakeAnthropic } from '@/fakes/anthropic-admin-server';
import { startFakeOpenAI, type FakeOpenAI } from '@/fakes/openai-admin-server';
import { startFakePagerDuty } from '@/fakes/pagerduty-events-server';
import { startFakeSlack } from '@/fakes/slack-webhook-server';
import { createSecret, replaceSecret } from '@/lib/secrets/secret-store';
import type { ProviderId } from '@/lib/providers/provider';
import { withDemoEpisodes } from './demo-episodes';
import { DEMO_KEYS, DEMO_SEED } from './demo-keys';

// Demo mode: `npm start` runs fake OpenAI and Anthropic admin APIs on loopback, serving the
// demo workspace's traffic as it happens, and points one connection at each. Everything
// downstream (collection, storage, the dashboard) is the code that serves real providers.

// Obviously fake credentials: the fakes check them like the real APIs check theirs.
const DEMO_CREDENTIALS: Record<ProviderId, { env: string; key: string; name: string }> = {
  openai: { env: 'BURNRATE_DEMO_OPENAI_ADMIN_KEY', key: 'sk-admin-demo-fake', name: 'Demo OpenAI organization' },
  anthropic: { env: 'BURNRATE_DEMO_ANTHROPIC_ADMIN_KEY', key: 'sk-ant-admin01-demo-fake', name: 'Demo Anthropic organization' },
};

export const DEMO_HISTORY_DAYS = 92;

export type DemoProviders = { env: Record<string, string>; connectionIds: string[]; stop: () => Promise<void> };

// `auto`: the demo runs until the first real (non-demo) provider connection is added.
export async function demoEnabled(db: PrismaClient, mode: 'auto' | 'on' | 'off'): Promise<boolean> {
  if (mode !== 'auto') return mode === 'on';
  return (await db.providerConnection.count({ where: { demo: false } })) === 0;
}

export async function startDemoProviders(db: PrismaClient, now: () => number = Date.now): Promise<DemoProviders> {
  const keys = withDemoEpisodes(DEMO_KEYS, await demoAnchor(db, now()));
  const trafficFor = (provider: ProviderId) =>
    new FakeTraffic({ keys: keys.filter((k) => k.provider === provider), seed: DEMO_SEED, now, revisionWindowMs: 3 * 60_000, provisionalShare: 0.7 });
  const openai = await startFakeOpenAI({ traffic: trafficFor('openai'), adminKey: DEMO_CREDENTIALS.openai.key });
  const anthropic = await startFakeAnthropic({ traffic: trafficFor('anthropic'), adminKey: DEMO_CREDENTIALS.anthropic.key });
  await restoreDisabledKeys(db, openai, anthropic);
  const env: Record<string, string> = {};
  const connectionIds: string[] = [];
  for (const [provider, baseUrl] of [['openai', openai.baseURL], ['anthropic', anthropic.baseURL]] as const) {
    const c = DEMO_CREDENTIALS[provider];
    env[c.env] = c.key;
    // The fakes listen on a new port each start; the connection follows them.
    const row = await db.providerConnection.upsert({
      where: { name: c.name },
      create: { name: c.name, provider, demo: true, baseUrl, credentialEnv: c.env },
      update: { baseUrl, credentialEnv: c.env, enabled: true },
      select: { id: true },
    });
    connectionIds.push(row.id);
  }
  const alerts = await startDemoAlertChannels(db);
  env.BURNRATE_PAGERDUTY_EVENTS_URL = alerts.pagerDutyUrl;
  return {
    env,
    connectionIds,
    async stop() {
      await Promise.all([openai.stop(), anthropic.stop(), alerts.stop()]);
    },
  };
}

/**
 * Keys someone disabled from Burnrate stay disabled at the fakes across restarts (the fakes
 * keep no state of their own): deleted at the fake OpenAI, inactive at the fake Anthropic,
 * and spending nothing from the moment they were disabled.
 */
async function restoreDisabledKeys(db: PrismaClient, openai: FakeOpenAI, anthropic: FakeAnthropic): Promise<void> {
  const disabled = await db.apiKey.findMany({ where: { disabledAt: { not: null } }, select: { provider: true, providerKeyId: true, disabledAt: true } });
  for (const k of disabled) {
    if (k.provider === 'openai') {
      openai.deletedKeys.add(k.providerKeyId);
      openai.traffic.stop(k.providerKeyId, k.disabledAt!.getTime());
    } else if (k.provider === 'anthropic') {
      anthropic.keyStatus.set(k.providerKeyId, 'inactive');
      anthropic.traffic.stop(k.providerKeyId, k.disabledAt!.getTime());
    }
  }
}

const ANCHOR_SETTING = 'demo.anchorMs';

/** The demo's first start: its planted incidents are placed relative to it, once for good. */
export async function demoAnchor(db: PrismaClient, nowMs: number): Promise<number> {
  const existing = await db.setting.findUnique({ where: { key: ANCHOR_SETTING } });
  if (typeof existing?.value === 'number') return existing.value;
  await db.setting.upsert({ where: { key: ANCHOR_SETTING }, create: { key: ANCHOR_SETTING, value: nowMs }, update: {} });
  return (await db.setting.findUniqueOrThrow({ where: { key: ANCHOR_SETTING } })).value as number;
}

// Obviously fake: the demo's Slack webhook path and PagerDuty routing key.
const DEMO_SLACK_HOOK = '/services/TDEMO/BDEMO/demodemodemo';
const DEMO_ROUTING_KEY = 'demodemodemodemodemodemodemodemo';

/**
 * The demo's alert channels: a fake Slack webhook and a fake PagerDuty on loopback, with
 * the default routes pointing at them, so the demo pages (and the delivery log fills) like
 * a real setup. Their ports change each start; the routes' secrets follow.
 */
async function startDemoAlertChannels(db: PrismaClient) {
  const slack = await startFakeSlack({ webhooks: [DEMO_SLACK_HOOK] });
  const pagerduty = await startFakePagerDuty();
  const routes = [
    { name: 'Demo Slack (#llm-spend)', channel: 'slack' as const, target: `${slack.url}${DEMO_SLACK_HOOK}`, minSeverity: 'warning' as const, environments: [] },
    { name: 'Demo PagerDuty (production)', channel: 'pagerduty' as const, target: DEMO_ROUTING_KEY, minSeverity: 'error' as const, environments: ['production'] },
  ];
  for (const r of routes) {
    const existing = await db.alertRoute.findUnique({ where: { name: r.name }, select: { secretId: true } });
    if (existing) await replaceSecret(db, existing.secretId, r.target, r.channel);
    else {
      const secret = await createSecret(db, r.target, r.channel);
      await db.alertRoute.create({ data: { name: r.name, channel: r.channel, secretId: secret.id, minSeverity: r.minSeverity, environments: r.environments } });
    }
  }
  return {
    pagerDutyUrl: pagerduty.url,
    async stop() {
      await Promise.all([slack.stop(), pagerduty.stop()]);
    },
  };
}
