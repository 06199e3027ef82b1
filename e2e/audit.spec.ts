import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';

// An admin's audit trail: a budget changed twice and deleted, an ingest token created and
// revoked, each found on Settings > Audit log with before and after (the changed field
// marked, the token only as its hint), filtered by entity in the URL, and exported as JSON
// lines carrying the same filter.

type AuditLine = { action: string; targetType: string; targetId: string | null; actor: string | null; before: Record<string, unknown> | null; after: Record<string, unknown> | null };

test('changes show on the audit page with before and after, filter by entity, and export as JSON lines', async ({ page, request }) => {
  // Cents from the clock: each run's values are its own, so a re-run on the same data still changes something.
  const cents = 1_000_000 + (Date.now() % 100_000);
  const firstUsd = Number((cents / 100).toFixed(2));
  const secondUsd = Number(((cents + 100) / 100).toFixed(2));
  const put = async (monthlyUsd: number) => {
    const res = await request.put('/api/budgets', { data: { scope: 'environment', environment: 'staging', monthlyUsd } });
    expect(res.ok(), await res.text()).toBe(true);
    return ((await res.json()) as { id: string }).id;
  };
  await put(firstUsd);
  const budgetId = await put(secondUsd);
  expect((await request.delete(`/api/budgets/${budgetId}`)).ok()).toBe(true);

  const name = `audit-e2e-${Date.now()}`;
  const created = await request.post('/api/ingest-tokens', { data: { name } });
  expect(created.ok()).toBe(true);
  const { token, info } = (await created.json()) as { token: string; info: { id: string; hint: string } };
  expect((await request.delete(`/api/ingest-tokens/${info.id}`)).ok()).toBe(true);

  await page.goto('/settings');
  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
  const rows = page.getByTestId('audit-row');
  await expect(rows.first()).toBeVisible();

  // The entity filter is a URL of its own.
  await page.getByTestId('audit-entity-filter').selectOption('budget');
  await expect(page).toHaveURL(/\/settings\/audit\?entity=budget$/);
  await expect(page.locator('[data-testid="audit-row"][data-action^="ingest_token"]')).toHaveCount(0);
  const update = rows.filter({ hasText: budgetId }).and(page.locator('[data-action="budget.update"]'));
  await expect(update).toHaveCount(1);
  const changed = update.locator('[data-testid="audit-field"][data-changed="true"]');
  await expect(changed).toHaveCount(1);
  await expect(changed.locator('th')).toHaveText(/^monthlyUsd/);
  await expect(changed.locator('td')).toHaveText([String(firstUsd), String(secondUsd)]);
  await expect(update.locator('[data-testid="audit-field"][data-field="environment"]')).toContainText('staging');
  await expect(rows.filter({ hasText: budgetId }).and(page.locator('[data-action="budget.delete"]'))).toHaveCount(1);
  // An entity's id narrows the log to its history.
  await update.getByRole('button', { name: budgetId }).click();
  await expect(page).toHaveURL(new RegExp(`/settings/audit\\?entity=budget&entityId=${budgetId}$`));
  await expect(page.getByTestId('audit-action')).toHaveText(['budget.delete', 'budget.update', 'budget.create']);

  // Straight from a URL: one entity's history, newest first.
  await page.goto(`/settings/audit?entity=ingest_token&entityId=${info.id}`);
  await expect(page.getByTestId('audit-entity-filter')).toHaveValue('ingest_token');
  await expect(page.getByTestId('audit-entity-id-filter')).toContainText(info.id);
  await expect(page.getByTestId('audit-action')).toHaveText(['ingest_token.revoke', 'ingest_token.create']);
  const createRow = rows.and(page.locator('[data-action="ingest_token.create"]'));
  await expect(createRow.locator('[data-field="name"]')).toContainText(name);
  await expect(createRow.locator('[data-field="hint"]')).toContainText(info.hint);
  expect(await page.content()).not.toContain(token);

  // The export carries the filters, not the page.
  const exportLink = page.getByTestId('audit-export');
  await expect(exportLink).toHaveAttribute('href', `/api/audit/export?targetType=ingest_token&targetId=${info.id}`);
  const [download] = await Promise.all([page.waitForEvent('download'), exportLink.click()]);
  expect(download.suggestedFilename()).toBe('burnrate-audit.jsonl');
  const text = await readFile((await download.path())!, 'utf8');
  expect(text).not.toContain(token);
  const lines = text.trimEnd().split('\n').map((line) => JSON.parse(line) as AuditLine);
  expect(lines.map((l) => [l.action, l.targetId])).toEqual([
    ['ingest_token.create', info.id],
    ['ingest_token.revoke', info.id],
  ]);
  expect(lines[0]!.after).toMatchObject({ name, hint: info.hint, revokedAt: null });
  expect(lines[1]!.after).toMatchObject({ name, revokedAt: expect.any(String) });
  expect(lines.every((l) => l.actor === 'admin@burnrate.local')).toBe(true);

  // Everything else is still one filter away.
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(/\/settings\/audit$/);
  await expect(exportLink).toHaveAttribute('href', '/api/audit/export');
});

test('a viewer is told the audit log is for admins, and nothing is fetched', async ({ browser, request }) => {
  // A viewer added the way an admin adds one (Settings > Users, here through its API), with
  // the one-time password they must change at first sign-in.
  const email = `viewer-${Date.now()}@example.com`;
  const added = await request.post('/api/users', { data: { email, role: 'viewer' } });
  expect(added.status()).toBe(200);
  const { oneTimePassword: oneTime } = (await added.json()) as { oneTimePassword: string };
  expect(oneTime.length).toBeGreaterThanOrEqual(12);

  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => void (msg.type() === 'error' && errors.push(msg.text())));
  const auditCalls: string[] = [];
  page.on('request', (req) => void (new URL(req.url()).pathname.startsWith('/api/audit') && auditCalls.push(req.url())));
  await page.goto('/sign-in?next=%2Fsettings%2Faudit');
  await page.getByTestId('sign-in-email').fill(email);
  await page.getByTestId('sign-in-password').fill(oneTime);
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('password-forced')).toBeVisible();
  await page.getByTestId('password-current').fill(oneTime);
  await page.getByTestId('password-new').fill('viewer e2e password 1');
  await page.getByTestId('password-confirm').fill('viewer e2e password 1');
  await page.getByTestId('password-submit').click();
  // Once changed, the forced password page goes on to where the viewer was headed.
  await expect(page).toHaveURL(/\/settings\/audit$/);
  await expect(page.getByTestId('user-role')).toHaveText('Role: viewer');
  await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
  await expect(page.getByTestId('audit-admins-only')).toContainText('Only admins can read the audit log.');
  await expect(page.getByTestId('audit-admins-only')).toContainText('Your role is viewer');
  await expect(page.getByTestId('audit-table')).toHaveCount(0);
  await expect(page.getByTestId('audit-export')).toHaveCount(0);
  expect(auditCalls).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
});
