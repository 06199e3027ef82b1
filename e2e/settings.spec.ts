import { expect, test } from './fixtures';

// The journeys submit a bad time zone and a wrong admin key on purpose: the browser logs those answers.
test.use({ expectedConsoleErrors: [/status of 4(00|22)/] });

// An admin's settings: an ingest token is shown once and stops working when revoked,
// staging gets working hours (a wrong time is refused on its field), and the demo's
// provider connections sync, while a wrong admin key is refused in the provider's words.

test('an ingest token is shown once, then revoked', async ({ page, request }) => {
  await page.goto('/settings');
  await page.getByRole('link', { name: 'Ingest tokens' }).click();
  await expect(page.getByRole('heading', { name: 'Ingest tokens', level: 1 })).toBeVisible();

  const name = `e2e-${Date.now()}`;
  const form = page.getByTestId('token-form');
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Default environment').selectOption('staging');
  await form.getByTestId('token-submit').click();

  const reveal = page.getByTestId('token-reveal');
  await expect(reveal.getByTestId('token-reveal-warning')).toContainText('shown only this once');
  const token = await reveal.getByTestId('token-value').inputValue();
  expect(token).toMatch(/^brn_[A-Za-z0-9]{40}$/);
  await expect(reveal.getByTestId('token-copy')).toBeVisible();
  const row = page.locator(`[data-testid="token-row"][data-token-name="${name}"]`);
  await expect(row.getByTestId('token-hint')).toHaveText(`${token.slice(0, 8)}…`);

  await reveal.getByTestId('token-reveal-done').click();
  await expect(page.getByTestId('token-reveal')).toHaveCount(0);
  await expect(page.getByTestId('token-form')).toBeVisible();
  expect(await page.content()).not.toContain(token);
  expect(JSON.stringify(await (await request.get('/api/ingest-tokens')).json())).not.toContain(token.slice(8));

  await row.getByTestId('token-revoke').click();
  await row.getByTestId('token-revoke-confirm-button').click();
  await expect(row).toHaveAttribute('data-state', 'revoked');
  await expect(row.getByTestId('token-status')).toHaveText(/Revoked/);
  await expect(page.getByTestId('tokens-notice')).toContainText(`Revoked ${name}`);
  const refused = await request.post('/api/ingest/events', { headers: { authorization: `Bearer ${token}` }, data: { events: [] } });
  expect(refused.status()).toBe(401);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('was revoked');
});

test('staging gets working hours, checked before they are saved', async ({ page, request }) => {
  // Each run starts from no working hours, whatever an earlier run left.
  expect((await request.patch('/api/environments/staging/settings', { data: { timezone: 'UTC', workingHours: null } })).ok()).toBe(true);

  await page.goto('/settings/environments');
  const staging = page.locator('[data-testid="environment"][data-environment-name="staging"]');
  await expect(staging.getByTestId('environment-summary')).toHaveText(/No working hours set \(UTC\)/);
  await staging.getByLabel('Time zone').fill('Europe/Berlin');
  await staging.getByTestId('environment-hours-on').check();
  for (const day of [1, 2, 3, 4, 5]) await staging.getByTestId(`environment-day-${day}`).check();
  for (const day of [6, 7]) await staging.getByTestId(`environment-day-${day}`).uncheck();
  await staging.getByLabel('Start', { exact: true }).fill('09:00');
  await staging.getByLabel('End', { exact: true }).fill('09:00');
  await staging.getByTestId('environment-save').click();
  await expect(staging.getByTestId('field-error-end')).toContainText('same as start');
  await expect(staging.getByLabel('End', { exact: true })).toBeFocused();

  await staging.getByLabel('End', { exact: true }).fill('17:30');
  await staging.getByTestId('environment-save').click();
  await expect(staging.getByTestId('environment-saved')).toBeVisible();
  await expect(staging.getByTestId('environment-summary')).toHaveText('Mon–Fri 09:00–17:30 (Europe/Berlin)');
  await expect(staging.getByTestId('field-error-end')).toHaveCount(0);

  // A zone the server does not know is refused on its field.
  await staging.getByLabel('Time zone').fill('Mars/Olympus');
  await staging.getByTestId('environment-save').click();
  await expect(staging.getByTestId('field-error-timezone')).toContainText('IANA time zone name');
});

test('the demo connections sync, and a wrong admin key is refused with the provider’s words', async ({ page }) => {
  await page.goto('/settings/connections');
  const connection = (name: string) => page.locator(`[data-testid="connection"][data-connection-name="${name}"]`);
  for (const [name, variable] of [
    ['Demo OpenAI organization', 'BURNRATE_DEMO_OPENAI_ADMIN_KEY'],
    ['Demo Anthropic organization', 'BURNRATE_DEMO_ANTHROPIC_ADMIN_KEY'],
  ] as const) {
    const card = connection(name);
    await expect(card.getByTestId('connection-status')).toHaveText(/OK/, { timeout: 60_000 });
    await expect(card.getByTestId('connection-demo')).toBeVisible();
    await expect(card.getByTestId('connection-credential')).toHaveText(`From environment variable ${variable}`);
    await expect(card.getByTestId('connection-keys')).not.toHaveText('0');
  }
  const count = await page.getByTestId('connection').count();

  // The demo's fake OpenAI, with a key it does not know: nothing is saved.
  const baseUrl = (await connection('Demo OpenAI organization').getByTestId('connection-base-url').innerText()).trim();
  const form = page.getByTestId('connection-form');
  await form.getByTestId('connection-provider').getByRole('button', { name: 'OpenAI' }).click();
  await form.getByLabel('Name').fill(`e2e wrong key ${Date.now()}`);
  await form.getByLabel('Admin key').fill('sk-admin-e2e-wrong-key-000000000000');
  await form.getByLabel('Base URL (optional)').fill(baseUrl);
  await form.getByTestId('connection-submit').click();
  await expect(form.getByTestId('field-error-adminKey')).toContainText('OpenAI refused the admin key (HTTP 401): Incorrect API key provided');
  await expect(form.getByLabel('Admin key')).toBeFocused();
  await expect(page.getByTestId('connection')).toHaveCount(count);
  // OpenAI echoes a wrong key in part only; the whole key is never in the message.
  await expect(form.getByTestId('field-error-adminKey')).not.toContainText('sk-admin-e2e-wrong-key-000000000000');
});
