import { createPrisma } from '@/lib/db';
import { syncDemoUsage } from '@/lib/demo/sync-demo-usage';
import { parseEnv, type Env } from '@/lib/env';
import { openDatabase } from './open-database';
import { start } from './start';

// `npx burnrate <command>`. Each command is one function; errors print one line.

const HELP = `Usage: burnrate <command>

Commands:
  start [--dev]   build if needed, start the database, migrate, seed demo data, the
                  scheduler and the web server (npm start)
  migrate         apply pending database migrations and exit
  demo            write the demo workspace and its usage up to now, and exit
  help            show this text

Configuration comes from the environment; see .env.example.`;

type Command = (env: Env, args: string[]) => Promise<void>;

const COMMANDS: Record<string, Command> = {
  start: (env, args) => start(env, { dev: args.includes('--dev') }),
  async migrate(env) {
    const db = await openDatabase(env);
    await db.stop();
    console.log('burnrate: database is up to date');
  },
  async demo(env) {
    const database = await openDatabase(env);
    const db = createPrisma(database.url, 2);
    try {
      const result = await syncDemoUsage(db, Date.now());
      console.log(`burnrate: demo workspace written (${result.keys} keys, ${result.buckets} buckets since ${result.fromHour})`);
    } finally {
      await db.$disconnect();
      await database.stop();
    }
  },
  async help() {
    console.log(HELP);
  },
};

export async function main(argv: string[]): Promise<number> {
  const [name = 'help', ...args] = argv;
  const command = COMMANDS[name === '--help' || name === '-h' ? 'help' : name];
  if (!command) {
    console.error(`burnrate: unknown command "${name}"; run \`npx burnrate help\``);
    return 2;
  }
  try {
    await command(parseEnv(), args);
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(message.startsWith('burnrate:') ? message : `burnrate: ${message}`);
    if (process.env.LOG_LEVEL === 'debug' && error instanceof Error) console.error(error.stack);
    return 1;
  }
}
