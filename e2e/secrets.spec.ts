import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Response } from '@playwright/test';
import { expect, test } from './fixtures';

// No page hands the browser a secret. Canaries go in where secrets live: an alert route's
// Slack webhook URL (on the demo's fake Slack, which knows no such webhook: its test alert
// fails for good, and the error is shown too) and PagerDuty routing
// key, admin keys the providers refuse, an ingest token; beside them the demo's own
// credentials and the master key on disk. Then every page is opened, and its HTML and every
// response the browser received are searched for each canary whole and for any 8
// characters of its secret part (more than a hint's 4).

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const random = (n: number) => Array.from(randomBytes(n), (b) => BASE62[b % BASE62.length]).join('');
const windows = (text: string, size = 8) => (text.length <= size ? [text] : Array.from({ length: text.length - size + 1 }, (_, i) => text.slice(i, i + size)));

type Canary = { name: string; value: string; parts: string[] };
type Row = { id: string; name?: string };

test('no page, and no response a page fetches, contains a secret', async ({ page, request }) => {
  test.setTimeout(300_000);
  const slackSecret = random(24);
  const slackIds = `TFAKE${random(6).toUpperCase()}/BFAKE${random(6).toUpperCase()}`;
  const routingBody = random(22);
  const wrongOpenAI = random(32);
  const wrongAnthropic = random(32);
  const masterKey = (await readFile('.data/e2e/master.key', 'utf8')).trim();
  const routes = ((await (await request.get('/api/alert-routes')).json()) as { routes: { name: string; channel: string; targetHint: string }[] }).routes;
  const demoSlack = routes.find((r) => r.channel === 'slack' && r.name.startsWith('Demo'));
  expect(demoSlack, "the demo's Slack route").toBeTruthy();
  const slackOrigin = new URL(demoSlack!.targetHint.split('…')[0]!).origin;
  const canaries: Canary[] = [
    { name: 'Slack webhook URL', value: `${slackOrigin}/services/${slackIds}/${slackSecret}`, parts: [slackSecret, slackIds] },
    { name: 'PagerDuty routing key', value: `FAKEcanary${routingBody}`, parts: [routingBody] },
    { name: 'refused OpenAI admin key', value: `sk-admin-FAKE-canary-${wrongOpenAI}`, parts: [wrongOpenAI] },
    { name: 'refused Anthropic admin key', value: `sk-ant-admin01-FAKE-canary-${wrongAnthropic}`, parts: [wrongAnthropic] },
    { name: 'master key', value: masterKey, parts: [masterKey] },
    // The demo's own (lib/demo/demo-providers.ts).
    { name: 'demo OpenAI admin key', value: 'sk-admin-demo-fake', parts: [] },
    { name: 'demo Anthropic admin key', value: 'sk-ant-admin01-demo-fake', parts: [] },
    { name: 'demo PagerDuty routing key', value: 'demodemodemodemodemodemodemodemo', parts: [] },
    { name: 'demo Slack webhook', value: '/services/TDEMO/BDEMO/demodemodemo', parts: [] },
  ];

  // Seed, through the API the settings pages use.
  const stamp = Date.now();
  const connections = ((await (await request.get('/api/connections')).json()) as { connections: { provider: string; baseUrl: string | null; demo: boolean }[] }).connections;
  for (const [provider, canary] of [['openai', canaries[2]!], ['anthropic', canaries[3]!]] as const) {
    const baseUrl = connections.find((c) => c.demo && c.provider === provider)?.baseUrl;
    expect(baseUrl, `the demo's ${provider} connection`).toBeTruthy();
    const refused = await request.post('/api/connections', { data: { name: `canary ${provider} ${stamp}`, provider, adminKey: canary.value, baseUrl } });
    expect(refused.status(), await refused.text()).toBe(422);
  }
  const routeIds: string[] = [];
  for (const [channel, target] of [['slack', canaries[0]!.value], ['pagerduty', canaries[1]!.value]] as const) {
    // An environment no incident has: the routes take no part in the demo's paging.
    const created = await request.post('/api/alert-routes', { data: { name: `canary ${channel} ${stamp}`, channel, target, environments: ['secrets-e2e'] } });
    expect(created.ok(), await created.text()).toBe(true);
    const { id } = (await created.json()) as Row;
    routeIds.push(id);
    const tested = (await (await request.post(`/api/alert-routes/${id}/test`)).json()) as { ok: boolean };
    expect(tested.ok, `test alert via ${channel}`).toBe(channel === 'pagerduty');
  }
  const created = await request.post('/api/ingest-tokens', { data: { name: `canary-${stamp}` } });
  const { token, info } = (await created.json()) as { token: string; info: Row };
  canaries.push({ name: 'ingest token', value: token, parts: [token.slice(8)] });

  try {
    const incident = ((await (await request.get('/api/incidents?status=all&pageSize=1')).json()) as { rows: Row[] }).rows[0];
    const key = ((await (await request.get('/api/keys')).json()) as { rows: Row[] }).rows[0];
    expect(incident, 'the demo has incidents').toBeTruthy();
    expect(key, 'the demo has keys').toBeTruthy();
    const pages = ['/', '/incidents', `/incidents/${incident!.id}`, '/keys', `/keys/${key!.id}`, '/environments/production', '/hygiene', '/budgets', '/settings', '/settings/alerts', '/settings/connections', '/settings/tokens', '/settings/environments', '/settings/audit', '/account/password'];

    const received: Promise<{ url: string; text: string }>[] = [];
    const onResponse = (res: Response) => received.push(res.text().then((text) => ({ url: res.url(), text }), () => ({ url: res.url(), text: '' })));
    page.on('response', onResponse);
    const leaks: string[] = [];
    const search = (where: string, text: string) => {
      for (const c of canaries) {
        const hit = [c.value, ...c.parts.flatMap((p) => windows(p))].find((n) => text.includes(n));
        if (hit) leaks.push(`${c.name} in ${where}: …${text.slice(Math.max(0, text.indexOf(hit) - 60), text.indexOf(hit) + hit.length + 20)}…`);
      }
    };
    for (const path of pages) {
      await page.goto(path);
      await expect(page.locator('main h1').first()).toBeVisible();
      // Let the page's queries settle; pages that poll never go fully idle.
      await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
      await expect(page.locator('main [role="status"].skeleton')).toHaveCount(0);
      search(`the HTML of ${path}`, await page.content());
    }
    page.off('response', onResponse);
    const bodies = await Promise.all(received);
    expect(bodies.filter((b) => b.url.includes('/api/')).length, 'the pages fetched from the API').toBeGreaterThan(pages.length);
    for (const body of bodies) search(`the response from ${body.url}`, body.text);
    // The alert settings showed the failed test's error (in the HTML searched above).
    const slackCard = page.locator(`[data-testid="alert-route"][data-route-name="canary slack ${stamp}"]`);
    await page.goto('/settings/alerts');
    await expect(slackCard.getByTestId('route-health')).toContainText('Failing');
    await expect(slackCard.getByTestId('route-unhealthy-reason')).toContainText('no_service');
    expect(leaks).toEqual([]);
  } finally {
    for (const id of routeIds) await request.delete(`/api/alert-routes/${id}`);
    await request.delete(`/api/ingest-tokens/${info.id}`);
  }
});
