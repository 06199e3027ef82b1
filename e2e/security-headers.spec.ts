import type { APIResponse, Response } from '@playwright/test';
import { expect, test } from './fixtures';

// Security headers on pages, API answers and static files, and a page that works under its
// Content-Security-Policy (no 'unsafe-inline' scripts). Every other spec fails on a console
// error, so a CSP violation anywhere in the app fails the suite too.

const directives = (csp: string) => new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

function expectFixedHeaders(headers: Record<string, string>) {
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['permissions-policy']).toContain('camera=()');
  expect(headers['permissions-policy']).toContain('microphone=()');
  // The e2e server is plain http: no HSTS (lib/security/security-headers.test.ts covers https).
  expect(headers['strict-transport-security']).toBeUndefined();
}

function expectPagePolicy(res: Response | APIResponse): string {
  const headers = res.headers();
  expectFixedHeaders(headers);
  const csp = directives(headers['content-security-policy'] ?? '');
  const script = csp.get('script-src') ?? [];
  expect(script).toContain("'strict-dynamic'");
  expect(script).not.toContain("'unsafe-inline'");
  expect(script).not.toContain("'unsafe-eval'"); // production build
  const nonce = script.find((s) => s.startsWith("'nonce-"))?.slice(7, -1);
  expect(nonce, 'script-src has a nonce').toMatch(/^[A-Za-z0-9+/]{20,}={0,2}$/);
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  expect(csp.get('base-uri')).toEqual(["'self'"]);
  expect(csp.get('form-action')).toEqual(["'self'"]);
  expect(csp.get('default-src')).toEqual(["'self'"]);
  return nonce!;
}

test('a page carries a nonce CSP, every script carries its nonce, and the page runs', async ({ page }) => {
  const res = await page.goto('/keys');
  expect(res?.status()).toBe(200);
  const nonce = expectPagePolicy(res!);

  // Every <script> Next wrote into the HTML carries this request's nonce (the browser hides
  // nonce attributes from getAttribute, the `nonce` property keeps it).
  const scripts = await page.locator('script').evaluateAll((els) => els.map((s) => (s as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  expect(new Set(scripts)).toEqual(new Set([nonce]));

  // Scripts run: the key list is fetched and rendered on the client.
  const rows = page.getByTestId('key-list-row');
  await expect(rows.first()).toBeVisible();

  // A second load gets a different nonce.
  const again = await page.reload();
  expect(expectPagePolicy(again!)).not.toBe(nonce);
});

test.describe('injected markup', () => {
  test.use({ expectedConsoleErrors: [/Content Security Policy/] });

  // What stored XSS looks like: markup from data, with an inline handler. (A script element
  // created by script is allowed by 'strict-dynamic', by design: only our nonce'd code runs
  // to create one.)
  test('cannot run an inline event handler', async ({ page }) => {
    await page.goto('/');
    await page.evaluate(() => {
      (window as { __violations?: string[] }).__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => (window as { __violations?: string[] }).__violations!.push(e.effectiveDirective));
      const div = document.createElement('div');
      div.innerHTML = '<button data-testid="injected" onclick="window.__injected = true">injected</button>';
      document.body.append(div);
    });
    await page.getByTestId('injected').click();
    await expect.poll(() => page.evaluate(() => (window as { __violations?: string[] }).__violations)).toContain('script-src-attr');
    expect(await page.evaluate(() => (window as { __injected?: boolean }).__injected)).toBeUndefined();
  });
});

test.describe('anonymous', () => {
  test.use({ storageState: { cookies: [], origins: [] }, expectedConsoleErrors: [/status of 401/] });

  test('the sign-in redirect and page carry the headers, and the form works', async ({ page }) => {
    const redirects: Record<string, string>[] = [];
    page.on('response', (r) => {
      if (r.status() >= 300 && r.status() < 400) redirects.push(r.headers());
    });
    const res = await page.goto('/incidents');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fincidents$/);
    expectPagePolicy(res!);
    expect(redirects.length).toBeGreaterThan(0);
    for (const headers of redirects) expectFixedHeaders(headers);
    await expect(page.getByTestId('sign-in-form')).toBeVisible();
    // A client-side handler answers: the form posts through fetch and shows the refusal.
    await page.getByTestId('sign-in-email').fill('nobody@example.com');
    await page.getByTestId('sign-in-password').fill('not the password at all');
    await page.getByTestId('sign-in-submit').click();
    await expect(page.getByTestId('sign-in-error')).toBeVisible();
  });

  test('API answers carry the non-HTML headers and a CSP that allows nothing', async ({ request }) => {
    for (const [path, status] of [
      ['/api/health', 200],
      ['/api/incidents', 401],
      ['/api/no-such-route', 404],
    ] as const) {
      const res = await request.get(path);
      expect(res.status(), path).toBe(status);
      const headers = res.headers();
      expectFixedHeaders(headers);
      const csp = directives(headers['content-security-policy'] ?? '');
      expect(csp.get('default-src'), path).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors'), path).toEqual(["'none'"]);
    }
  });

  test('static files carry the fixed headers', async ({ page, request }) => {
    await page.goto('/sign-in');
    const src = await page.locator('script[src^="/_next/static/"]').first().getAttribute('src');
    const res = await request.get(src!);
    expect(res.status()).toBe(200);
    expectFixedHeaders(res.headers());
    // Chromium asks for /favicon.ico whenever it has not yet seen the page's icon link (Next
    // streams metadata), so the file must exist: a 404 there failed a journey in CI.
    const icon = await request.get('/favicon.ico');
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toBe('image/x-icon');
    expectFixedHeaders(icon.headers());
  });
});
