import { existsSync } from 'node:fs';

// Playwright never downloads a browser here: it drives the system's Chromium (Debian's
// `chromium` package) or the one CHROMIUM_PATH names.
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error('burnrate: no Chromium found; install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH');
  }
  return found;
}
