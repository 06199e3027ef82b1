// The end-to-end server: `burnrate start` on a fresh data folder, as a first start, so the
// demo's planted history, its live leak five minutes in and the alerts it sends are the same
// for every run. One process (not a shell running two), so Playwright's Ctrl-C reaches it.
import { rmSync } from 'node:fs';

const dataDir = process.env.BURNRATE_DATA_DIR;
if (!dataDir || !dataDir.startsWith('.data/')) throw new Error(`e2e/start-fresh.mjs: refusing to delete BURNRATE_DATA_DIR=${dataDir ?? '(unset)'}`);
rmSync(dataDir, { recursive: true, force: true });
process.argv = [process.argv[0], 'bin/burnrate.mjs', 'start'];
await import('../bin/burnrate.mjs');
