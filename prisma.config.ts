import { defineConfig } from 'prisma/config';

// The URL is only read by CLI commands that talk to a database (`migrate deploy` for users
// with internet); `generate` must work without one, so it falls back to a placeholder.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/burnrate' },
});
