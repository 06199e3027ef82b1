import { DEMO_ADMIN } from './demo-admin';
import { expect, test } from './fixtures';

// Signing in and out, from an anonymous browser (not the signed-in state the other specs use).
test.use({ storageState: { cookies: [], origins: [] }, expectedConsoleErrors: [/status of 401/] });

test('anonymous visitors are sent to sign-in, and the API answers 401', async ({ page, request }) => {
  await page.goto('/incidents?status=all');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fincidents%3Fstatus%3Dall$/);
  await expect(page.getByTestId('sign-in-form')).toBeVisible();
  await expect(page.getByTestId('user-menu')).toHaveCount(0);
  // Signed out there is nothing to navigate to.
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);

  const res = await request.get('/api/incidents');
  expect(res.status()).toBe(401);
  expect((await res.json()).error.message).toMatch(/not signed in/);
});

test('a wrong password is refused with a clear message; the right one signs in and out', async ({ page }) => {
  await page.goto('/keys');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fkeys$/);

  await page.getByTestId('sign-in-email').fill(DEMO_ADMIN.email);
  await page.getByTestId('sign-in-password').fill('not the password at all');
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('sign-in-error')).toHaveText('Wrong email or password.');

  await page.getByTestId('sign-in-password').fill(DEMO_ADMIN.password);
  await page.getByTestId('sign-in-submit').click();
  await expect(page).toHaveURL(/\/keys$/);
  await expect(page.getByTestId('user-email')).toHaveText(DEMO_ADMIN.email);
  await expect(page.getByTestId('user-role')).toHaveText('Role: admin');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Keys' })).toHaveAttribute('aria-current', 'page');

  await page.getByTestId('sign-out').click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByTestId('user-menu')).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
});

test('a session that ends while a page is open sends the person to sign in and back', async ({ page }) => {
  await page.goto('/settings/tokens');
  await page.getByTestId('sign-in-email').fill(DEMO_ADMIN.email);
  await page.getByTestId('sign-in-password').fill(DEMO_ADMIN.password);
  await page.getByTestId('sign-in-submit').click();
  await expect(page).toHaveURL(/\/settings\/tokens$/);
  await expect(page.getByTestId('user-email')).toHaveText(DEMO_ADMIN.email);

  // The form is filled while the session still holds: once it ends, a refetch of the page's own
  // data may meet the 401 and leave at any moment, and an action caught by that navigation can
  // wait forever on the page it started on (a fill did, for the whole test timeout).
  const form = page.getByTestId('token-form');
  await form.getByLabel('Name').fill(`e2e-expired-${Date.now()}`);
  // The session ends (signed out elsewhere, expired). The next action is an API call only, no
  // navigation: its 401 must take the person to sign in, and back here afterwards. A refetch may
  // still get there first; either way the page must end on sign-in. Without the 401 handling the
  // click succeeds, the create is refused, and the page stays here.
  await page.context().clearCookies();
  await form
    .getByTestId('token-submit')
    .click({ timeout: 5_000 })
    .catch(() => undefined);
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fsettings%2Ftokens$/);
  await page.getByTestId('sign-in-email').fill(DEMO_ADMIN.email);
  await page.getByTestId('sign-in-password').fill(DEMO_ADMIN.password);
  await page.getByTestId('sign-in-submit').click();
  await expect(page).toHaveURL(/\/settings\/tokens$/);
});
