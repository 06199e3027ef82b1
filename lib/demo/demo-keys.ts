import type { DemoEpisode } from './demo-episodes';
import type { DemoModel } from './demo-prices';
import type { Workload } from './token-sizes';

// The demo workspace: fake keys with traffic profiles that lib/demo/traffic-model.ts turns
// into hourly usage. Every id and hint is visibly fake; none resembles a real secret.

export type DemoProvider = 'openai' | 'anthropic';
export type DemoEnvironment = 'production' | 'staging';

// office: weekday working hours in `timezone`; flat: around the clock with a gentle day/night
// swing; nightly: a batch from 01:00 to 04:00 in `timezone`.
export type DemoShape = 'office' | 'flat' | 'nightly';

export type DemoTrafficProfile = {
  baseRequestsPerHour: number; // expected requests in an hour where the shape peaks, on a weekday
  shape: DemoShape;
  timezone: string; // IANA
  weekendFactor: number; // multiplies Saturday and Sunday (local)
  workload: Workload; // which Azure trace the request sizes come from
  models: Readonly<Partial<Record<DemoModel, number>>>; // relative weights
  regions: Readonly<Record<string, number>>; // ISO 3166-1 alpha-2 caller country -> weight
  cacheHitFraction: number; // share of input tokens read from the prompt cache
};

export type DemoKey = {
  provider: DemoProvider;
  providerKeyId: string;
  name: string;
  redactedHint: string;
  projectId: string; // OpenAI project / Anthropic workspace
  projectName: string;
  environment: DemoEnvironment;
  owner: string | null;
  tags: readonly string[];
  providerCreatedAt: string; // ISO; no usage is generated before it
  traffic: DemoTrafficProfile;
  /** Planted incidents on top of the usual traffic (lib/demo/demo-episodes.ts). */
  episodes?: readonly DemoEpisode[];
};

export const DEMO_SEED = 20231116;

export const DEMO_KEYS: readonly DemoKey[] = [
  {
    provider: 'openai',
    providerKeyId: 'key_demo_support_chat',
    name: 'Support chat',
    redactedHint: 'sk-...demo1',
    projectId: 'proj_demo_helpdesk',
    projectName: 'Helpdesk',
    environment: 'production',
    owner: 'maria@example.com',
    tags: ['team:support', 'customer-facing'],
    providerCreatedAt: '2025-06-02T09:14:00.000Z',
    traffic: {
      baseRequestsPerHour: 700,
      shape: 'flat',
      timezone: 'Europe/Dublin',
      weekendFactor: 0.7,
      workload: 'conv',
      models: { 'gpt-4o-mini-2024-07-18': 0.8, 'gpt-4.1-2025-04-14': 0.2 },
      regions: { IE: 0.4, US: 0.35, DE: 0.25 },
      cacheHitFraction: 0.25,
    },
  },
  {
    provider: 'anthropic',
    providerKeyId: 'apikey_demo_code_review',
    name: 'Code review bot',
    redactedHint: 'sk-ant-...demo2',
    projectId: 'wrkspc_demo_engineering',
    projectName: 'Engineering',
    environment: 'production',
    owner: 'jonas@example.com',
    tags: ['team:platform', 'internal'],
    providerCreatedAt: '2025-09-18T13:40:00.000Z',
    traffic: {
      baseRequestsPerHour: 1200,
      shape: 'office',
      timezone: 'Europe/Berlin',
      weekendFactor: 0.15,
      workload: 'code',
      models: { 'claude-sonnet-4-20250514': 0.75, 'claude-3-5-haiku-20241022': 0.25 },
      regions: { DE: 0.7, IE: 0.1, US: 0.2 },
      cacheHitFraction: 0.5,
    },
  },
  {
    provider: 'openai',
    providerKeyId: 'key_demo_nightly_enrichment',
    name: 'Nightly enrichment batch',
    redactedHint: 'sk-...demo3',
    projectId: 'proj_demo_data',
    projectName: 'Data platform',
    environment: 'production',
    owner: 'data-team@example.com',
    tags: ['team:data', 'batch'],
    providerCreatedAt: '2025-03-11T07:05:00.000Z',
    traffic: {
      baseRequestsPerHour: 6000,
      shape: 'nightly',
      timezone: 'UTC',
      weekendFactor: 1,
      workload: 'conv',
      models: { 'gpt-4.1-mini-2025-04-14': 0.7, 'gpt-4.1-2025-04-14': 0.3 },
      regions: { US: 1 },
      cacheHitFraction: 0.6,
    },
  },
  {
    provider: 'anthropic',
    providerKeyId: 'apikey_demo_search_answers',
    name: 'Search answers',
    redactedHint: 'sk-ant-...demo4',
    projectId: 'wrkspc_demo_product',
    projectName: 'Product',
    environment: 'production',
    owner: 'priya@example.com',
    tags: ['team:search', 'customer-facing'],
    providerCreatedAt: '2025-11-27T16:30:00.000Z',
    traffic: {
      baseRequestsPerHour: 700,
      shape: 'office',
      timezone: 'America/New_York',
      weekendFactor: 0.35,
      workload: 'conv',
      models: { 'claude-3-5-haiku-20241022': 0.6, 'claude-sonnet-4-20250514': 0.4 },
      regions: { US: 0.85, IE: 0.05, DE: 0.1 },
      cacheHitFraction: 0.3,
    },
  },
  {
    // Created long ago by someone who has since left: nobody owns it, it still spends.
    provider: 'openai',
    providerKeyId: 'key_demo_legacy_crm',
    name: 'Legacy CRM integration',
    redactedHint: 'sk-...demo5',
    projectId: 'proj_demo_default',
    projectName: 'Default project',
    environment: 'production',
    owner: null,
    tags: [],
    providerCreatedAt: '2023-02-20T11:00:00.000Z',
    traffic: {
      baseRequestsPerHour: 60,
      shape: 'flat',
      timezone: 'UTC',
      weekendFactor: 1,
      workload: 'conv',
      models: { 'gpt-4.1-2025-04-14': 0.5, 'gpt-4o-mini-2024-07-18': 0.5 },
      regions: { US: 1 },
      cacheHitFraction: 0,
    },
  },
  {
    provider: 'anthropic',
    providerKeyId: 'apikey_demo_staging_code_review',
    name: 'Code review bot (staging)',
    redactedHint: 'sk-ant-...demo6',
    projectId: 'wrkspc_demo_engineering',
    projectName: 'Engineering',
    environment: 'staging',
    owner: 'jonas@example.com',
    tags: ['team:platform'],
    providerCreatedAt: '2025-09-10T08:20:00.000Z',
    traffic: {
      baseRequestsPerHour: 40,
      shape: 'office',
      timezone: 'Europe/Berlin',
      weekendFactor: 0.05,
      workload: 'code',
      models: { 'claude-sonnet-4-20250514': 0.5, 'claude-3-5-haiku-20241022': 0.5 },
      regions: { DE: 1 },
      cacheHitFraction: 0.4,
    },
  },
  {
    provider: 'openai',
    providerKeyId: 'key_demo_staging_support_chat',
    name: 'Support chat (staging)',
    redactedHint: 'sk-...demo7',
    projectId: 'proj_demo_helpdesk',
    projectName: 'Helpdesk',
    environment: 'staging',
    owner: 'maria@example.com',
    tags: ['team:support'],
    providerCreatedAt: '2025-05-28T10:45:00.000Z',
    traffic: {
      baseRequestsPerHour: 30,
      shape: 'office',
      timezone: 'Europe/Dublin',
      weekendFactor: 0.1,
      workload: 'conv',
      models: { 'gpt-4o-mini-2024-07-18': 0.9, 'gpt-4.1-2025-04-14': 0.1 },
      regions: { IE: 0.8, DE: 0.2 },
      cacheHitFraction: 0.1,
    },
  },
];
