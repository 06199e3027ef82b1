// The demo admin the end-to-end run signs in as. `burnrate start` sets this password when
// BURNRATE_DEMO_ADMIN_PASSWORD is in its environment (playwright.config.ts puts it there):
// for tests only; a real first run prints a one-time password instead.
export const DEMO_ADMIN = {
  email: 'admin@burnrate.local',
  password: process.env.E2E_DEMO_ADMIN_PASSWORD ?? 'e2e-demo-admin-password',
};

// Where the setup project keeps the signed-in browser state for every other spec.
export const ADMIN_STORAGE_STATE = 'test-results/.auth/admin.json';
