import { expect, test as setup } from '@playwright/test';
import { ADMIN_STORAGE_STATE, DEMO_ADMIN } from './demo-admin';

// Signs in once as the demo admin; the other specs start from this browser state.
setup('sign in as the demo admin', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByTestId('sign-in-email').fill(DEMO_ADMIN.email);
  await page.getByTestId('sign-in-password').fill(DEMO_ADMIN.password);
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('user-email')).toHaveText(DEMO_ADMIN.email);
  await page.context().storageState({ path: ADMIN_STORAGE_STATE });
});
