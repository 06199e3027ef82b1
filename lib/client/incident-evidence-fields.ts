import { formatInteger, formatPointLabel, formatUsd } from '@/lib/client/format';

// Label and value of one evidence field, for fields the incident page has no layout for.
// Fields detectors are known to write (lib/detect/**) have their label and unit here;
// others get a label made from their name and a format guessed from name and value.

const usdTwoDigits = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumSignificantDigits: 2 });

/** "$12.35", but "$0.000021" rather than "<$0.01": expectations of quiet keys are tiny. */
export function formatUsdPrecise(amount: number): string {
  return amount !== 0 && Math.abs(amount) < 0.01 ? usdTwoDigits.format(amount) : formatUsd(amount);
}

/** Counts that may be expectations: "420", "0.07". */
export function formatCount(value: number): string {
  return Math.abs(value) >= 10 ? formatInteger(value) : formatDecimal(value);
}

type Format = 'usd' | 'usdPrecise' | 'usdPerHour' | 'perHour' | 'hours' | 'share' | 'percent' | 'multiple' | 'integer' | 'epochMs';

/** What the detectors' baseline and profile names mean to a person. */
const BASELINES: Record<string, string> = {
  hour_of_week: 'This hour on this weekday',
  weekday_hour: 'This hour on weekdays',
  weekend_hour: 'This hour at weekends',
  hour_of_day: 'This hour on any day',
  overall: 'All hours so far (a new key)',
  working_hours: 'The environment’s working hours',
  none: 'None yet',
};

const KNOWN: Record<string, { label: string; format?: Format; values?: Record<string, string> }> = {
  tokens: { label: 'Tokens', format: 'integer' },
  expectedTokens: { label: 'Expected tokens', format: 'integer' },
  metric: { label: 'Metric that fired' },
  spikedModel: { label: 'Model that spiked' },
  keyObservedUsd: { label: 'Key total in the bucket', format: 'usd' },
  keyExpectedUsd: { label: 'Key total expected', format: 'usd' },
  baseline: { label: 'Baseline used', values: BASELINES },
  hourOfWeek: { label: 'Hour of the week', format: 'integer' },
  usdPerHour: { label: 'Spend rate', format: 'usdPerHour' },
  bucketUsdPerHour: { label: 'Spend rate in the bucket', format: 'usdPerHour' },
  usualUsdPerHour: { label: 'Usual rate at this hour', format: 'usdPerHour' },
  activeUsdPerHour: { label: 'Usual rate when active', format: 'usdPerHour' },
  requestsPerHour: { label: 'Requests per hour', format: 'perHour' },
  profile: { label: 'Profile', values: BASELINES },
  idleHours: { label: 'Idle for', format: 'hours' },
  longestGapHours: { label: 'Usual longest gap', format: 'hours' },
  thresholdHours: { label: 'Idle threshold', format: 'hours' },
  pricePerRequest: { label: 'Price per request', format: 'usdPrecise' },
  usualPricePerRequest: { label: 'Usual price per request', format: 'usdPrecise' },
  priceMultiple: { label: 'Price multiple', format: 'multiple' },
  typicalHourlyUsd: { label: 'Typical hourly spend', format: 'usd' },
  firstSeen: { label: 'First seen', format: 'epochMs' },
  knownRegions: { label: 'Known regions' },
  threshold: { label: 'Threshold crossed', format: 'percent' },
  crossedThresholds: { label: 'Thresholds crossed', format: 'percent' },
  scope: { label: 'Budget scope' },
  subjectId: { label: 'Budget subject' },
  period: { label: 'Period' },
  timezone: { label: 'Time zone' },
};

/** "idleHours" -> "Idle hours" for fields no one has named yet. */
export function evidenceLabel(key: string): string {
  const known = KNOWN[key];
  if (known) return known.label;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replaceAll('_', ' ')
    .toLowerCase()
    .replace(/\busd\b/g, 'USD');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}

const MAX_VALUE_CHARS = 200;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export function formatEvidenceValue(key: string, value: unknown): string {
  const format = KNOWN[key]?.format ?? (/Usd$/.test(key) ? 'usd' : /Share$/.test(key) ? 'share' : undefined);
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return formatNumber(value, format);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string') return KNOWN[key]?.values?.[value] ?? (ISO_DATE.test(value) ? formatPointLabel(value, '24h') : clip(value));
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) {
    return value.length === 0 ? 'none' : clip(value.map((v) => (typeof v === 'number' ? formatNumber(v, format) : v)).join(', '));
  }
  return clip(JSON.stringify(value));
}

function formatNumber(value: number, format: Format | undefined): string {
  if (!Number.isFinite(value)) return '—';
  switch (format) {
    case 'usd':
      return formatUsd(value);
    case 'usdPrecise':
      return formatUsdPrecise(value);
    case 'usdPerHour':
      return `${formatUsd(value)}/h`;
    case 'perHour':
      return `${formatDecimal(value)}/h`;
    case 'hours':
      return `${formatDecimal(value)} h`;
    case 'share':
      return `${formatDecimal(value * 100)}%`;
    case 'percent':
      return `${formatDecimal(value)}%`;
    case 'multiple':
      return `${formatDecimal(value)}×`;
    case 'integer':
      return formatInteger(value);
    case 'epochMs':
      return formatPointLabel(new Date(value).toISOString(), '24h');
    default:
      return formatDecimal(value);
  }
}

function formatDecimal(value: number): string {
  return Number.isInteger(value) ? formatInteger(value) : value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

function clip(text: string): string {
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}
