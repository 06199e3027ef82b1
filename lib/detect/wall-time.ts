// Local wall time of an instant in an IANA time zone, from Intl, with one formatter per
// zone (building one costs far more than using it). Pure: the zone is an argument.

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timezone: string): Intl.DateTimeFormat {
  let format = formats.get(timezone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone: timezone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      throw new RangeError(`Unknown time zone "${timezone}": use an IANA name such as "Europe/Berlin" or "UTC".`);
    }
    formats.set(timezone, format);
  }
  return format;
}

/** Local wall time at an instant, as if it were UTC epoch ms (second precision). */
export function wallTimeAt(epochMs: number, timezone: string): number {
  const p: Record<string, number> = {};
  for (const part of formatFor(timezone).formatToParts(epochMs)) p[part.type] = Number(part.value);
  return Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0) + (epochMs - Math.floor(epochMs / 1000) * 1000);
}
