// A progress bar for long command-line work: redrawn in place on a terminal, a line per
// tenth otherwise (CI logs, pipes).
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const started = Date.now();
  let lastTenth = -1;
  return {
    update(done: number, total: number, detail = '') {
      const ratio = total === 0 ? 1 : done / total;
      const elapsed = (Date.now() - started) / 1000;
      const eta = ratio > 0 && ratio < 1 ? ` · ETA ${Math.ceil((elapsed / ratio) * (1 - ratio))} s` : '';
      const text = `${label} ${bar(ratio)} ${Math.floor(ratio * 100)}% ${done}/${total}${detail ? ` · ${detail}` : ''}${eta}`;
      if (stream.isTTY) stream.write(`\r${text.slice(0, (stream.columns ?? 120) - 1)}\x1b[K`);
      else if (Math.floor(ratio * 10) > lastTenth) {
        lastTenth = Math.floor(ratio * 10);
        stream.write(`${text}\n`);
      }
    },
    done(message: string) {
      if (stream.isTTY) stream.write('\r\x1b[K');
      stream.write(`${message}\n`);
    },
  };
}

function bar(ratio: number, width = 24): string {
  const full = Math.round(ratio * width);
  return `[${'#'.repeat(full)}${'.'.repeat(width - full)}]`;
}
