#!/usr/bin/env node
// Entry point of `npx burnrate` and `npm start`: loads the TypeScript CLI through tsx,
// with the project's tsconfig (for the `@/` import alias) wherever it is run from.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = fileURLToPath(new URL('..', import.meta.url));
register({ tsconfig: `${root}tsconfig.json` });
process.chdir(root);
const { main } = await import('../cli/main.ts');
const code = await main(process.argv.slice(2));
// `start` keeps running until Ctrl-C; every other command ends here.
if (process.argv[2] !== 'start') process.exit(code);
else if (code !== 0) process.exit(code);
