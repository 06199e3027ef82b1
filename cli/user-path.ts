import path from 'node:path';

// A path as the user meant it. bin/burnrate.mjs changes into the install folder before
// running a command, after noting where it was started (BURNRATE_CWD).
export function userPath(p: string): string {
  return path.resolve(process.env.BURNRATE_CWD ?? process.env.INIT_CWD ?? process.cwd(), p);
}
