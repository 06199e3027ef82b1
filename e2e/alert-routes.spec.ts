import { expect, test } from './fixtures';

// An admin's journey: check the demo's routes (targets never shown), prove Slack works with
// a test alert, add a PagerDuty route (a wrong key is refused on its field), pause it, remove it.

const SLACK = 'Demo Slack (#llm-spend)';
const PAGERDUTY = 'Demo PagerDuty (production)';
// The demo's fake secrets (lib/demo/demo-providers.ts): neither may reach the browser.
const SECRETS = ['demodemodemodemodemodemodemodemo', '/services/TDEMO/BDEMO/demodemodemo'];

test('alert routes can be tested, added, disabled and deleted without revealing targets', async ({ page, request, consoleErrors }) => {
  // The demo writes its routes during start-up.
  await expect
    .poll(async () => ((await (await request.get('/api/alert-routes')).json()) as { routes: { name: string }[] }).routes.map((r) => r.name), { timeout: 60_000 })
    .toEqual(expect.arrayContaining([SLACK, PAGERDUTY]));

  await page.goto('/settings/alerts');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' })).toHaveAttribute('aria-current', 'page');
  const route = (name: string) => page.locator(`[data-testid="alert-route"][data-route-name="${name}"]`);
  const slack = route(SLACK);
  const pagerduty = route(PAGERDUTY);
  await expect(slack).toBeVisible();
  await expect(pagerduty).toBeVisible();
  await expect(slack.getByTestId('route-target-hint')).not.toBeEmpty();
  await expect(pagerduty.getByTestId('route-filters')).toHaveText('production · all kinds · error and above');
  await expect(slack.getByTestId('route-filters')).toHaveText('all environments · all kinds · warning and above');
  const html = await page.content();
  for (const secret of SECRETS) expect(html).not.toContain(secret);

  await slack.getByTestId('route-test').click();
  const result = slack.getByTestId('route-test-result');
  await expect(result).toHaveAttribute('data-ok', 'true');
  await expect(result).toContainText('Test alert sent. Delivered to Slack');
  await expect(slack.getByTestId('route-health')).toHaveText(/Healthy/);

  // The channel switch changes what the target is called.
  const form = page.getByTestId('route-form');
  await expect(form.getByLabel('Slack incoming webhook URL')).toBeVisible();
  await form.getByTestId('route-channel').getByRole('button', { name: 'PagerDuty' }).click();
  const target = form.getByLabel('PagerDuty routing key (Events API v2)');
  await expect(target).toBeVisible();

  const name = `e2e PagerDuty ${Date.now()}`;
  await form.getByLabel('Name').fill(name);
  await target.fill('not-a-routing-key');
  await form.getByLabel('Environments').fill('production');
  await form.getByLabel('Severity').selectOption('error');
  await form.getByTestId('route-submit').click();
  await expect(form.getByTestId('field-error-target')).toContainText('32 letters and digits');
  await expect(target).toHaveAttribute('aria-invalid', 'true');
  await expect(target).toBeFocused();

  await target.fill('fakefakefakefakefakefakefake0001');
  await expect(form.getByTestId('field-error-target')).toHaveCount(0);
  await form.getByTestId('route-submit').click();
  await expect(page.getByTestId('routes-notice')).toContainText(`Added ${name}`);
  const added = route(name);
  await expect(added).toBeVisible();
  await expect(added.getByTestId('route-filters')).toHaveText('production · all kinds · error and above');
  await expect(added.getByTestId('route-target-hint')).not.toContainText('fakefakefakefakefakefakefake0001');
  await expect(form.getByLabel('Name')).toHaveValue('');

  // An edit with the target left empty keeps the secret and changes only what was edited.
  const hint = await added.getByTestId('route-target-hint').textContent();
  await added.getByTestId('route-edit').click();
  const edit = added.getByTestId('route-edit-form');
  await expect(edit.getByLabel('New PagerDuty routing key (Events API v2)')).toHaveValue('');
  await edit.getByLabel('Severity').selectOption('critical');
  await edit.getByTestId('route-submit').click();
  await expect(edit).toHaveCount(0);
  await expect(added.getByTestId('route-filters')).toHaveText('production · all kinds · critical only');
  await expect(added.getByTestId('route-target-hint')).toHaveText(hint ?? '');

  await added.getByTestId('route-toggle').click();
  await expect(added).toHaveAttribute('data-enabled', 'false');
  await expect(added.getByTestId('route-disabled')).toHaveText('○ Disabled: gets no alerts');
  await expect(added.getByTestId('route-toggle')).toHaveText('Enable');
  // Disabling changes nothing else: the filters are what they were.
  await expect(added.getByTestId('route-filters')).toHaveText('production · all kinds · critical only');
  await page.screenshot({ path: 'test-results/alert-routes.png', fullPage: true });

  await added.getByTestId('route-delete').click();
  await added.getByTestId('route-delete-confirm-button').click();
  await expect(added).toHaveCount(0);
  await expect(page.getByTestId('routes-notice')).toContainText(`Deleted ${name}`);
  await expect(slack).toBeVisible();

  // The refused add is the expected 400; the browser logs it as a failed resource.
  const unexpected = consoleErrors.filter((e) => !/status of 400/.test(e));
  consoleErrors.splice(0, consoleErrors.length, ...unexpected);
});

test('an edit keeps the secret unless a new one is typed', async ({ page }) => {
  await page.goto('/settings/alerts');
  const pagerduty = page.locator(`[data-testid="alert-route"][data-route-name="${PAGERDUTY}"]`);
  await expect(pagerduty).toBeVisible();
  const hint = await pagerduty.getByTestId('route-target-hint').textContent();

  await pagerduty.getByTestId('route-edit').click();
  const edit = pagerduty.getByTestId('route-edit-form');
  await expect(edit.getByLabel('Name')).toBeFocused();
  await expect(edit.getByLabel('New PagerDuty routing key (Events API v2)')).toHaveValue('');
  await edit.getByTestId('route-cancel').click();
  await expect(edit).toHaveCount(0);
  await expect(pagerduty.getByTestId('route-edit')).toBeFocused();
  await expect(pagerduty.getByTestId('route-target-hint')).toHaveText(hint ?? '');
});
