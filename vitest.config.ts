import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Tests run in UTC unless a test is about time zones and says which.
process.env.TZ = 'UTC';
process.env.LOG_LEVEL ??= 'warn';

const alias = { '@': path.resolve(import.meta.dirname) };
const exclude = ['node_modules/**', '.next/**', '.data/**', 'e2e/**', 'generated/**'];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', include: ['**/*.test.ts'], exclude: [...exclude, '**/*.int.test.ts'], environment: 'node' },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['**/*.int.test.ts'],
          exclude,
          environment: 'node',
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
