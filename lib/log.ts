// Structured logs: an event name plus fields. Fields whose names say they hold a secret are
// replaced before anything is written, whatever the caller passed.
type Level = 'debug' | 'info' | 'warn' | 'error';
type Fields = Record<string, unknown>;

const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_FIELD = /(secret|password|passwd|token|authorization|credential|api_?key|admin_?key|webhook_?url|routing_?key|cookie)$/i;

/** Whether a field's name says it holds a secret; the audit page masks such values too. */
export function isSecretField(name: string): boolean {
  return SECRET_FIELD.test(name);
}

export function redactFields(fields: Fields): Fields {
  const out: Fields = {};
  for (const [k, v] of Object.entries(fields)) {
    if (isSecretField(k)) out[k] = '[redacted]';
    else if (v instanceof Error) out[k] = v.message;
    else out[k] = v;
  }
  return out;
}

function format(level: Level, event: string, fields: Fields, json: boolean): string {
  const at = new Date().toISOString();
  if (json) return JSON.stringify({ at, level, event, ...fields });
  const rest = Object.entries(fields)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  return `${at.slice(11, 19)} ${level.padEnd(5)} ${event}${rest ? ` ${rest}` : ''}`;
}

function write(level: Level, event: string, fields: Fields = {}) {
  const min = (process.env.LOG_LEVEL as Level | undefined) ?? 'info';
  if (ORDER[level] < (ORDER[min] ?? 20)) return;
  const json = process.env.LOG_FORMAT ? process.env.LOG_FORMAT === 'json' : !process.stderr.isTTY;
  process.stderr.write(`${format(level, event, redactFields(fields), json)}\n`);
}

export const logger = {
  debug: (event: string, fields?: Fields) => write('debug', event, fields),
  info: (event: string, fields?: Fields) => write('info', event, fields),
  warn: (event: string, fields?: Fields) => write('warn', event, fields),
  error: (event: string, fields?: Fields) => write('error', event, fields),
};
