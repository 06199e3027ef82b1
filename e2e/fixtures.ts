import { test as base, expect } from '@playwright/test';

// Every journey fails if the page logs a console error or throws, unless the spec expects
// that error (`test.use({ expectedConsoleErrors: [/401/] })`: a wrong password's answer).
export const test = base.extend<{ consoleErrors: string[]; expectedConsoleErrors: RegExp[] }>({
  expectedConsoleErrors: [[], { option: true }],
  consoleErrors: [
    async ({ page, expectedConsoleErrors }, use) => {
      const errors: string[] = [];
      page.on('console', (msg) => {
        // A failed resource names only its status; the location says which request it was.
        if (msg.type() === 'error') errors.push(`${msg.text()} ${msg.location().url ? `(${msg.location().url})` : ''}`.trim());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await use(errors);
      expect(
        errors.filter((e) => !expectedConsoleErrors.some((re) => re.test(e))),
        'console errors on the page',
      ).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
