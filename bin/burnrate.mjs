#!/usr/bin/env node
// Entry point of `npx burnrate` and `npm start`: loads the TypeScript CLI through tsx,
// with the project's tsconfig (for the `@/` import alias) wherever it is run from.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = fileURLToPath(new URL('..', import.meta.url));
register({ tsconfig: `${root}tsconfig.json` });
// Paths the user gives are relative to where they ran the command (cli/user-path.ts).
process.env.BURNRATE_CWD ??= process.cwd();
process.chdir(root);
const { main } = await import('../cli/main.ts');
const code = await main(process.argv.slice(2));
// `start` keeps running until Ctrl-C; every other command ends here, once what it printed
// has reached the pipe (process.exit would cut off large output).
if (process.argv[2] !== 'start' || code !== 0) {
  await new Promise((resolve) => process.stdout.write('', resolve));
  process.exit(code);
}
