// What must be stopped even when the benchmark is interrupted: the app (in a process group
// of its own, so Ctrl-C does not reach it) and the embedded clusters. Normal runs stop them
// in `finally` blocks; a signal runs whatever is still registered, newest first, then exits.

const pending = new Set<() => Promise<void>>();
let installed = false;

export function onInterrupt(stop: () => Promise<void>): () => void {
  pending.add(stop);
  return () => pending.delete(stop);
}

export function installInterruptHandlers(log: (line: string) => void): void {
  if (installed) return;
  installed = true;
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`bench: ${signal}, stopping what was started`);
    void (async () => {
      for (const stop of [...pending].reverse()) await stop().catch((error: unknown) => log(`bench: stop failed: ${String(error)}`));
      process.exit(130);
    })();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
