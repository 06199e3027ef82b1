import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { expectDrawnChart, saveJourneyScreenshot } from './journey';

// Finance's journey: put a monthly budget on the demo's "Support chat" key just above what
// it has spent this month, so the forecast runs over it; see the forecast, the projected
// overrun date and the last months; edit the thresholds; export the month as CSV.
// Re-runnable on the same data: PUT /api/budgets is an upsert, so a second run updates.

const KEY = 'Support chat';
const CSV_HEADER = 'subject,scope,environment,budget_usd,spend_usd,percent,forecast_usd,timezone';

type KeyRow = { id: string; name: string; environment: string; monthToDateUsd: number };

test('a budget set just above month-to-date shows a forecast overrun, its history, and exports', async ({ page, request, consoleErrors }) => {
  // The demo writes its keys and usage during start-up. The browser runs in UTC (see
  // playwright.config.ts), so the budget's month is the UTC month /api/keys sums.
  const keys = await request.get('/api/keys?pageSize=1');
  expect(keys.status(), `GET /api/keys answered ${keys.status()}: ${await keys.text()}`).toBe(200);
  let key: KeyRow | undefined;
  await expect
    .poll(
      async () => {
        const page = (await (await request.get(`/api/keys?${new URLSearchParams({ q: KEY, pageSize: '50' })}`)).json()) as { rows?: KeyRow[] };
        key = page.rows?.find((r) => r.name === KEY && r.environment === 'production');
        return key?.monthToDateUsd ?? 0;
      },
      { timeout: 60_000 },
    )
    .toBeGreaterThan(0);
  // A dollar above month-to-date: a few hours of this key's traffic run past it.
  const budgetUsd = Math.ceil(key!.monthToDateUsd) + 1;
  const month = new Date().toISOString().slice(0, 7);

  await page.goto('/budgets');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Budgets' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { name: 'Budgets', level: 1 })).toBeVisible();

  await page.getByTestId('budget-new').click();
  const form = page.getByTestId('budget-form');
  await expect(form).toBeVisible();
  await expect(form.getByLabel('Time zone')).toHaveValue('UTC');
  await expect(form.getByLabel('Alert thresholds (% of budget)')).toHaveValue('50, 80, 100');
  await form.getByLabel('Find a key').fill(KEY);
  await form.getByLabel('Key', { exact: true }).selectOption({ label: `${KEY} · production · OpenAI` });

  // The server's refusal lands on its field, in the form's words.
  const usd = form.getByLabel('Monthly budget (USD)');
  await usd.fill('0');
  await form.getByTestId('budget-submit').click();
  await expect(form.getByTestId('budget-field-error-monthlyUsd')).toContainText('The monthly budget must be more than 0');
  await expect(usd).toHaveAttribute('aria-invalid', 'true');
  await expect(usd).toBeFocused();

  await usd.fill(String(budgetUsd));
  await expect(form.getByTestId('budget-field-error-monthlyUsd')).toHaveCount(0);
  await form.getByTestId('budget-submit').click();
  await expect(page.getByTestId('budgets-notice')).toContainText(new RegExp(`(Set|Updated) the budget for ${KEY}: \\$${budgetUsd}\\.00 a month\\.`));
  await expect(form).toHaveCount(0);

  const card = page.locator(`[data-testid="budget"][data-scope="key"][data-subject="${KEY}"]`);
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId('budget-subject').getByRole('link', { name: KEY })).toHaveAttribute('href', `/keys/${key!.id}`);
  await expect(card.getByTestId('budget-scope')).toHaveText('Key · production');
  await expect(card.getByTestId('budget-amount')).toContainText(`$${budgetUsd}.00`);
  await expect(card.getByTestId('budget-percent')).toContainText(`of $${budgetUsd}.00`);
  await expect(card.getByTestId('budget-forecast')).toHaveText(/^\$[\d,]+\.\d\d$/);
  await expect(card.getByTestId('budget-forecast-range')).toHaveText(/^likely \$[\d,]+\.\d\d–\$[\d,]+\.\d\d$/);
  await expect(card.getByTestId('budget-overrun')).toHaveText(/^crosses on [A-Z][a-z]{2} \d{1,2}$/);
  await expect(card.getByTestId('budget-status')).toContainText('At risk');
  await expect(card.getByTestId('budget-status-reason')).toContainText(/^Forecast ends \$[\d,.]+ over$/);
  await expect(card.getByTestId('budget-timezone')).toHaveText('UTC');

  // The month day by day: spend so far, the dashed forecast running on to month end, the
  // budget as a line, and the day the forecast crosses it marked as the card says.
  const crossing = (await card.getByTestId('budget-overrun').textContent())!.replace('crosses on ', '');
  const burn = card.getByTestId('budget-burn-chart');
  await expectDrawnChart(burn);
  await expect(burn).toHaveAttribute('data-crossing', new RegExp(`^${month}-\\d\\d$`));
  await expect(burn.locator('svg.recharts-surface')).toContainText(`crosses ${crossing}`);
  // A vertical line has no width, which Playwright counts as hidden: it stands on the crossing day.
  await expect(burn.locator('line.recharts-reference-line-line')).toHaveAttribute('x', (await burn.getAttribute('data-crossing'))!);
  await expect(burn.locator('path.recharts-line-curve[stroke-dasharray="5 4"]')).toHaveAttribute('d', /^M[\d.]+,[\d.]+L/);
  await expect(burn.getByTestId('budget-burn-summary')).toHaveText(
    new RegExp(`^Cumulative spend of ${KEY} in [A-Z][a-z]+ \\d{4} against a budget of \\$${budgetUsd}\\.00: \\$[\\d,.]+ spent by [A-Z][a-z]{2} \\d{1,2}, forecast \\$[\\d,.]+ by [A-Z][a-z]{2} \\d{1,2}; the forecast crosses the budget on ${crossing}\\.$`),
  );

  const chart = card.getByTestId('budget-history-chart');
  await expect(chart.locator('svg .recharts-bar-rectangle path').first()).toBeVisible();
  // The budget line is flat: a path with no height, which Playwright counts as hidden.
  await expect(chart.locator('svg path.recharts-line-curve')).toHaveAttribute('d', /^M[\d.]+,[\d.]+L/);

  // Edit keeps the key and changes what was edited.
  await card.getByTestId('budget-edit').click();
  const edit = card.getByTestId('budget-edit-form');
  await edit.getByLabel('Alert thresholds (% of budget)').fill('50, 90, 100');
  await edit.getByTestId('budget-submit').click();
  await expect(edit).toHaveCount(0);
  await expect(card.getByTestId('budget-thresholds').getByRole('listitem')).toHaveText([/^50%/, /^90%/, /^100%/]);
  await expect(card.getByTestId('budget-amount')).toContainText(`$${budgetUsd}.00`);

  await expect(page.getByTestId('budget-summary')).toBeVisible();
  await expect(page.getByTestId('budget-total-forecast')).toContainText('over budget');

  // The export's month is in the URL; the link follows the picker.
  const picker = page.getByTestId('budget-export-month');
  await expect(picker).toHaveValue(month);
  const previous = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)) - 2, 1)).toISOString().slice(0, 7);
  await picker.fill(previous);
  await expect(page).toHaveURL(new RegExp(`[?&]month=${previous}`));
  await expect(page.getByTestId('budget-export-link')).toHaveAttribute('href', `/api/budgets/export?month=${previous}`);
  await picker.fill(month);
  await expect(page).toHaveURL(new RegExp(`[?&]month=${month}`));
  await expect(page.getByTestId('budget-export-link')).toHaveAttribute('href', `/api/budgets/export?month=${month}`);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('budget-export-link').click()]);
  expect(download.suggestedFilename()).toBe(`burnrate-budgets-${month}.csv`);
  const csv = await readFile((await download.path())!, 'utf8');
  const lines = csv.split('\r\n');
  expect(lines[0]).toBe(CSV_HEADER);
  expect(lines.find((l) => l.startsWith(`${KEY},key,production,${budgetUsd}.00,`))).toBeDefined();

  await saveJourneyScreenshot(page, 'finance-budgets', burn);
  // The refused save's 400 is the expected answer; the browser logs it as a failed resource.
  expect(consoleErrors.filter((e) => /status of 400/.test(e))).toHaveLength(1);
  consoleErrors.splice(0, consoleErrors.length, ...consoleErrors.filter((e) => !/status of 400/.test(e)));
});

test('an environment budget can be set and then deleted after a confirmation', async ({ page }) => {
  await page.goto('/budgets');
  await page.getByTestId('budget-new').click();
  const form = page.getByTestId('budget-form');
  await form.getByTestId('budget-scope-input').getByRole('button', { name: 'An environment' }).click();
  await form.getByLabel('Environment').selectOption('staging');
  await form.getByLabel('Monthly budget (USD)').fill('$1,250.50');
  await form.getByLabel('Time zone').selectOption('Another zone…');
  await form.getByLabel('Zone name (IANA)').fill('Europe/Berlin');
  await form.getByTestId('budget-submit').click();
  await expect(page.getByTestId('budgets-notice')).toContainText(/(Set|Updated) the budget for staging: \$1,250\.50 a month\./);

  const card = page.locator('[data-testid="budget"][data-scope="environment"][data-subject="staging"]');
  await expect(card.getByTestId('budget-scope')).toHaveText('Environment');
  await expect(card.getByTestId('budget-subject').getByRole('link', { name: 'staging' })).toHaveAttribute('href', '/environments/staging');
  await expect(card.getByTestId('budget-timezone')).toHaveText('Europe/Berlin');
  await expect(card.getByTestId('budget-overrun')).toHaveText(/^(crosses on [A-Z][a-z]{2} \d{1,2}|stays under budget|already over budget)$/);

  await card.getByTestId('budget-delete').click();
  const confirm = card.getByTestId('budget-delete-confirm');
  await expect(confirm).toContainText('Delete the budget for staging?');
  await confirm.getByRole('button', { name: 'Keep it' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(card.getByTestId('budget-delete')).toBeFocused();
  await card.getByTestId('budget-delete').click();
  await card.getByTestId('budget-delete-confirm-button').click();
  await expect(page.getByTestId('budgets-notice')).toHaveText('✓ Deleted the budget for staging.');
  await expect(card).toHaveCount(0);
});
