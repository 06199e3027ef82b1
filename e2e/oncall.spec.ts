import type { APIRequestContext } from '@playwright/test';
import { DEMO_ADMIN } from './demo-admin';
import { expect, test } from './fixtures';
import { saveJourneyScreenshot } from './journey';

// On-call's journey, from the page the demo really sent: the demo's "Support chat" key starts
// leaking five minutes after the first start (lib/demo/demo-episodes.ts) and Burnrate pages
// the demo's fake Slack. On-call opens the incident from the link in that Slack message,
// signs in on the way, acknowledges it, marks it a leak and disables the key at the fake
// OpenAI after typing its name. Other journeys leave this production key alone.

const KEY = 'Support chat';
const SLACK_ROUTE = 'Demo Slack (#llm-spend)';
const CONNECTION = 'Demo OpenAI organization';
// lib/demo/demo-keys.ts and lib/demo/demo-providers.ts: the key at the fake OpenAI, and the
// fake's visibly fake admin key, to ask the fake whether the key still exists.
const PROVIDER_KEY = { project: 'proj_demo_helpdesk', id: 'key_demo_support_chat' };
const FAKE_ADMIN_KEY = 'sk-admin-demo-fake';
// Where the fake Slack lets a test read what it received (fakes/slack-webhook-server.ts).
const FAKE_SLACK_MESSAGES_PATH = '/_fake/messages';

type KeysAnswer = { rows: { id: string; name: string; environment: string; status: string }[] };
type IncidentAnswer = { id: string; status: string; kind: string; feedback: string | null; key: { id: string; status: string } | null };
type SlackMessage = { at: string; body: unknown };

const json = async <T>(request: APIRequestContext, path: string): Promise<T> => {
  const response = await request.get(path);
  expect(response.status(), `GET ${path} answered ${response.status()}: ${await response.text()}`).toBe(200);
  return (await response.json()) as T;
};

/** The fake Slack's address: the route's redacted target keeps the scheme and host. */
async function fakeSlackOrigin(request: APIRequestContext): Promise<string> {
  const { routes } = await json<{ routes: { name: string; targetHint: string }[] }>(request, '/api/alert-routes');
  const hint = routes.find((r) => r.name === SLACK_ROUTE)?.targetHint;
  expect(hint, `the demo's route "${SLACK_ROUTE}"`).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
  return new URL(hint!).origin;
}

/** "Open incident" links in the alerts the fake Slack accepted for the key, oldest first (not the follow-ups). */
async function alertLinks(slack: string): Promise<string[]> {
  const { messages } = (await (await fetch(`${slack}${FAKE_SLACK_MESSAGES_PATH}`)).json()) as { messages: SlackMessage[] };
  const links: string[] = [];
  for (const m of messages) {
    const text = JSON.stringify(m.body);
    if (!text.includes(` on ${KEY} (production)`) || /"text":"(Acknowledged|Resolved)/.test(text)) continue;
    const link = /<(https?:\/\/[^|>]+\/incidents\/[0-9a-f-]{36})\|Open incident>/.exec(text)?.[1];
    if (link && !links.includes(link)) links.push(link);
  }
  return links;
}

test('on-call opens the leak from its Slack alert, acknowledges it, marks it a leak and disables the key', async ({ page, request }) => {
  // A fresh demo pages the leak five minutes after its first start, and detection needs a
  // few pulls of the leak's minutes: allow for a busy machine.
  test.setTimeout(15 * 60_000);
  await expect
    .poll(async () => (await json<KeysAnswer>(request, `/api/keys?q=${encodeURIComponent(KEY)}`)).rows.some((r) => r.name === KEY && r.environment === 'production'), { timeout: 180_000 })
    .toBe(true);
  const key = (await json<KeysAnswer>(request, `/api/keys?q=${encodeURIComponent(KEY)}`)).rows.find((r) => r.name === KEY && r.environment === 'production')!;

  // The alert as the team saw it in Slack, for an incident nobody has closed yet.
  const slack = await fakeSlackOrigin(request);
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        for (const candidate of await alertLinks(slack)) {
          const incident = await json<IncidentAnswer>(request, new URL(candidate).pathname.replace(/^\/incidents\//, '/api/incidents/'));
          // The finance journey's budget on this key pages too; on-call wants the leak's traffic.
          if (incident.status !== 'resolved' && !incident.kind.startsWith('budget')) return (link = candidate);
        }
        return undefined;
      },
      { timeout: 12 * 60_000, intervals: [5_000], message: `an open incident paged to the demo's Slack for ${KEY}: the demo's leak starts five minutes after its first start` },
    )
    .toBeDefined();
  const incidentPath = new URL(link!).pathname;
  const incidentId = incidentPath.split('/').pop()!;

  // The link is Burnrate's public URL; this browser has no session there yet: sign in first,
  // and land on exactly the incident the alert named.
  await page.goto(link!);
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await page.getByTestId('sign-in-email').fill(DEMO_ADMIN.email);
  await page.getByTestId('sign-in-password').fill(DEMO_ADMIN.password);
  await page.getByTestId('sign-in-submit').click();
  await expect(page).toHaveURL(link!);

  await expect(page.getByTestId('incident-title')).toBeVisible();
  await expect(page.getByTestId('incident-key')).toHaveText(KEY);
  test.info().annotations.push({ type: 'incident', description: `${await page.getByTestId('incident-title').textContent()} (${link})` });
  await expect(page.getByTestId('delivery-log').getByTestId('delivery-row').filter({ hasText: SLACK_ROUTE }).first()).toContainText('Delivered');

  const status = page.getByTestId('incident-status');
  if ((await status.getAttribute('data-status')) === 'open') {
    await page.getByTestId('acknowledge-button').click();
  } else {
    test.info().annotations.push({ type: 'note', description: 'the incident was already acknowledged (another journey got there first)' });
  }
  await expect(status).toHaveAttribute('data-status', 'acknowledged');
  await expect(page.getByTestId('acknowledge-button')).toBeDisabled();
  await expect(page.getByTestId('incident-timeline')).toContainText(/acknowledged/i);

  const feedback = page.getByTestId('feedback-form');
  await feedback.getByRole('radio', { name: /leak/i }).check();
  await page.getByTestId('feedback-note').fill('e2e on-call: traffic from BR on the support key; key disabled');
  await page.getByTestId('feedback-submit').click();
  await expect(page.getByTestId('incident-feedback')).toContainText('Leak');
  await expect(page.getByTestId('incident-timeline')).toContainText(/marked as leak/i);

  // Disable the key from the incident: the confirmation wants the key's exact name.
  const stop = page.getByTestId('key-disable');
  await expect(stop).toBeVisible();
  await stop.getByTestId('disable-button').click();
  const dialog = page.getByTestId('disable-dialog');
  await expect(dialog).toBeVisible();
  const confirm = dialog.getByTestId('disable-confirm');
  await dialog.getByTestId('disable-confirm-name').fill('support chat');
  await expect(confirm).toBeDisabled();
  await dialog.getByTestId('disable-confirm-name').fill(KEY);
  await expect(confirm).toBeEnabled();
  await confirm.click();
  await expect(dialog).toBeHidden();
  await expect(stop.getByTestId('key-disabled-notice')).toContainText(`Disabled at OpenAI by ${DEMO_ADMIN.email}`);
  await expect(stop.getByTestId('disable-button')).toHaveCount(0);

  await saveJourneyScreenshot(page, 'oncall-incident', page.getByTestId('incident-chart'));

  // The key says so on its own page, and the API agrees.
  await page.getByTestId('incident-key').click();
  await expect(page).toHaveURL(new RegExp(`/keys/${key.id}$`));
  await expect(page.getByTestId('key-status')).toHaveText('Disabled');
  await expect(page.getByTestId('key-disabled-notice')).toBeVisible();
  const incident = await json<IncidentAnswer>(request, `/api/incidents/${incidentId}`);
  expect(incident).toMatchObject({ status: 'acknowledged', feedback: 'leak', key: { id: key.id, status: 'disabled' } });

  // And the provider: the fake OpenAI no longer knows the key.
  const { connections } = await json<{ connections: { name: string; baseUrl: string | null }[] }>(request, '/api/connections');
  const base = connections.find((c) => c.name === CONNECTION)?.baseUrl;
  expect(base, `the demo's connection "${CONNECTION}"`).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
  const atProvider = await fetch(`${base}/organization/projects/${PROVIDER_KEY.project}/api_keys/${PROVIDER_KEY.id}`, { headers: { authorization: `Bearer ${FAKE_ADMIN_KEY}` } });
  expect(atProvider.status).toBe(404);
  expect(await atProvider.text()).toContain(`No such API key: '${PROVIDER_KEY.id}'`);
});
