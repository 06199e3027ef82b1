import { expect, test } from './fixtures';

// The first page a team opens: this month's spend, usage per environment, keys by cost,
// all read from Postgres (the demo workspace) through the route handlers.

const dollars = (text: string | null) => Number((text ?? '').replace(/[^0-9.]/g, ''));

test('overview shows spend, a chart per environment and the keys by cost', async ({ page }) => {
  await page.goto('/');

  const spend = page.getByTestId('stat-month-spend');
  await expect(spend).toContainText('$');
  await expect.poll(async () => dollars(await spend.textContent())).toBeGreaterThan(0);

  const chart = page.getByTestId('usage-chart');
  await expect(chart.getByRole('application', { name: /stacked area chart/i })).toBeVisible();
  await expect(chart.locator('.recharts-area-area').first()).toBeVisible();
  await expect(chart.getByText('production').first()).toBeVisible();
  await expect(chart.getByText('staging').first()).toBeVisible();

  const rows = page.getByTestId('key-row');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThanOrEqual(5);
  const costs = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('[data-testid="key-mtd"]')?.textContent ?? ''));
  const values = costs.map(dollars);
  expect(values[0]).toBeGreaterThan(0);
  expect(values).toEqual([...values].sort((a, b) => b - a)); // most expensive first

  await page.screenshot({ path: 'test-results/overview.png', fullPage: true });
});

test('forecast to month end and the top movers, each opening its key', async ({ page }) => {
  await page.goto('/');
  const spend = page.getByTestId('stat-month-spend');
  await expect.poll(async () => dollars(await spend.textContent())).toBeGreaterThan(0);
  const forecast = page.getByTestId('stat-forecast');
  await expect(forecast).toContainText(/Likely \$[\d,.]+ – \$[\d,.]+ by \w+ \d+, \d{4} \(UTC\)/);
  const projected = dollars(await forecast.locator('.stat-value').textContent());
  expect(projected).toBeGreaterThanOrEqual(dollars(await spend.textContent()));

  const movers = page.getByTestId('mover-row');
  await expect(movers.first()).toBeVisible();
  await expect(page.getByTestId('movers-table')).toContainText(/Last 7 days \(\w+ \d+, \d{4} – \w+ \d+, \d{4}, UTC\)/);
  const rows = await movers.evaluateAll((trs) =>
    trs.map((tr) => ({
      previous: tr.querySelector('[data-testid="mover-previous"]')?.textContent ?? '',
      last: tr.querySelector('[data-testid="mover-last"]')?.textContent ?? '',
      change: tr.querySelector('[data-testid="mover-change"]')?.textContent ?? '',
      href: tr.querySelector('a')?.getAttribute('href') ?? '',
    })),
  );
  for (const r of rows) {
    expect(r.href).toMatch(/^\/keys\/[0-9a-f-]{36}$/);
    // In words and numbers, never by colour alone: "Up 12.3% (+$4.56)".
    expect(r.change).toMatch(/(Up|Down) [\d,.]+% \([+−]\$[\d,.]+\)|New: .* \(\+\$[\d,.]+\)|Stopped: .* \(−\$[\d,.]+\)/);
    const sign = r.change.includes('(+') ? 1 : -1;
    expect(dollars(r.last) - dollars(r.previous)).toBeCloseTo(sign * dollars(r.change.slice(r.change.lastIndexOf('('))), 1);
  }
  const moves = rows.map((r) => Math.abs(dollars(r.last) - dollars(r.previous)));
  expect(moves).toEqual([...moves].sort((a, b) => b - a)); // biggest change first

  const first = movers.first().getByTestId('mover-link');
  const name = (await first.textContent())!;
  await first.click();
  await expect(page).toHaveURL(/\/keys\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('key-title')).toContainText(name);
});

test('range and unit live in the URL, so a shared link opens the same view', async ({ page }) => {
  await page.goto('/?range=7d&unit=tokens');
  const picker = page.getByTestId('range-picker');
  await expect(picker.getByRole('button', { name: '7d' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('unit-switch').getByRole('button', { name: 'Tokens' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('usage-chart').getByRole('application', { name: /stacked area chart/i })).toBeVisible();

  await picker.getByRole('button', { name: '24h' }).click();
  await expect(page).toHaveURL(/range=24h/);
  await expect(page).toHaveURL(/unit=tokens/);
  await expect(page.getByTestId('usage-chart').locator('.recharts-area-area').first()).toBeVisible();
});

test('searching keys narrows the table', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('key-row').first()).toBeVisible();
  await page.getByRole('searchbox', { name: /search keys/i }).fill('staging');
  const rows = page.getByTestId('key-row');
  await expect(rows.filter({ hasNotText: /staging/i })).toHaveCount(0);
  await expect(rows).not.toHaveCount(0);
});

test('health reports the database, a running scheduler and current detection', async ({ page, request }) => {
  // Detection's first run may still be under way right after a start.
  await expect
    .poll(async () => (await (await request.get('/api/health')).json()) as { status: string; detection: { throughAt: string | null } }, { timeout: 60_000 })
    .toMatchObject({ status: 'ok', detection: { throughAt: expect.any(String) } });
  const health = await (await request.get('/api/health')).json();
  expect(health.database.ok).toBe(true);
  expect(health.scheduler.ok).toBe(true);
  expect(health.detection).toMatchObject({ ok: true, rebuilding: false });
  await page.goto('/');
  await expect(page.getByTestId('health-status')).toContainText(/All systems normal.*usage judged up to/);
});

test('bad query parameters get a 400 that says what to fix', async ({ request }) => {
  const res = await request.get('/api/usage/series?range=1y');
  expect(res.status()).toBe(400);
  const body = await res.json();
  expect(body.error.code).toBe('bad_request');
  expect(body.error.message).toMatch(/range/);
});
