import { parseEnv, type Env } from '@/lib/env';
import { backfill } from './backfill';
import { openDatabase } from './open-database';
import { start } from './start';

// `npx burnrate <command>`. Each command is one function; errors print one line.

const HELP = `Usage: burnrate <command>

Commands:
  start [--dev]   build if needed, start the database, migrate, seed demo data, the
                  scheduler and the web server (npm start)
  migrate         apply pending database migrations and exit
  admin create --email <email> [--role r] | list | set-role <email> <role> | disable <email>
        | reset-password <email>
                  users who may sign in, and their roles (viewer, oncall, finance, admin)
  ingest-token create <name> [--environment e] | list | revoke <name>
                  tokens for POST /api/ingest/events and OTLP (shown once)
  backfill --connection <id or name> [--since 30d]
                  pull a connection's usage history; interrupt and rerun to resume
  secrets status | rotate-master
                  secrets per master key and whether all are readable; re-wrap every
                  secret under BURNRATE_MASTER_KEY (resumable)
  score-series <in.csv> [--detector burnrate|windowed-gaussian] > out.csv
                  write timestamp,value,anomaly_score for a timestamp,value series (causal)
  nab <nab-dir> [--detector burnrate|windowed-gaussian] [--json]
                  score a detector on a Numenta Anomaly Benchmark folder (three profiles)
  eval <scenario-dir> [--json] | eval --all <dir> [--json]
                  replay labelled usage scenarios through a detector and score it
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
  backfill,
  admin: async (env, args) => (await import('./admin')).adminCommand(env, args),
  'ingest-token': async (env, args) => (await import('./ingest-token')).ingestTokenCommand(env, args),
  secrets: async (env, args) => (await import('./secrets')).secretsCommand(env, args),
  eval: async (env, args) => (await import('./eval')).evalCommand(env, args),
  'score-series': async (env, args) => (await import('./score-series')).scoreSeriesCommand(env, args),
  nab: async (env, args) => (await import('./nab')).nabCommand(env, args),
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
