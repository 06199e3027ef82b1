import type { BudgetView } from '@/lib/budgets/budget-schemas';

// The set-a-budget form as plain data: what the fields hold, the PUT body they make, and
// the server's refusal split back onto the fields it is about. Validation is the server's
// (lib/budgets/budget-schemas.ts); text that is not a number is sent as typed so its
// message names the fix.

export type BudgetScope = 'key' | 'environment';
export type BudgetField = 'scope' | 'keyId' | 'environment' | 'monthlyUsd' | 'thresholds' | 'timezone';

export type BudgetDraft = {
  scope: BudgetScope;
  keyId: string;
  /** Shown in the picker while the chosen key is not among the search results. */
  keyName: string;
  environment: string;
  monthlyUsd: string;
  /** Typed as text: "50, 80, 100". */
  thresholds: string;
  timezone: string;
};

/** What PUT /api/budgets is sent; numbers where the text was one, the text where it was not. */
export type BudgetBody =
  | { scope: 'key'; keyId: string; monthlyUsd: number | string; thresholds: (number | string)[]; timezone: string }
  | { scope: 'environment'; environment: string; monthlyUsd: number | string; thresholds: (number | string)[]; timezone: string };

export const DEFAULT_THRESHOLD_TEXT = '50, 80, 100';

export function emptyBudgetDraft(timezone: string): BudgetDraft {
  return { scope: 'key', keyId: '', keyName: '', environment: '', monthlyUsd: '', thresholds: DEFAULT_THRESHOLD_TEXT, timezone };
}

export function draftOfBudget(budget: BudgetView): BudgetDraft {
  return {
    scope: budget.scope,
    keyId: budget.keyId ?? '',
    keyName: budget.scope === 'key' ? budget.subjectName : '',
    environment: budget.scope === 'environment' ? budget.subjectName : '',
    monthlyUsd: budget.monthlyUsd.toFixed(2),
    thresholds: budget.thresholds.join(', '),
    timezone: budget.timezone,
  };
}

/** "$1,250.50" -> 1250.5; null when the text is not an amount. */
export function parseUsd(text: string): number | null {
  const plain = text.trim().replace(/^\$\s*/, '').replace(/,(?=\d{3}(\D|$))/g, '');
  if (!/^\d+(\.\d*)?$|^\.\d+$/.test(plain)) return null;
  return Number(plain);
}

/** "50, 80%, 100" -> [50, 80, 100]; commas or spaces; a part that is no number stays text. */
export function parseThresholds(text: string): (number | string)[] {
  return text
    .split(/[,;\s]+/)
    .map((part) => part.trim().replace(/%$/, ''))
    .filter((part) => part.length > 0)
    .map((part) => (/^\d+(\.\d+)?$/.test(part) ? Number(part) : part));
}

export function budgetBody(draft: BudgetDraft): BudgetBody {
  const money = draft.monthlyUsd.trim();
  const settings = { monthlyUsd: parseUsd(money) ?? money, thresholds: parseThresholds(draft.thresholds), timezone: draft.timezone.trim() };
  return draft.scope === 'key' ? { scope: 'key', keyId: draft.keyId, ...settings } : { scope: 'environment', environment: draft.environment.trim(), ...settings };
}

export type BudgetFieldErrors = { fields: Partial<Record<BudgetField, string>>; general: string | null };

const FIELD_NAMES: Record<BudgetField, string> = {
  scope: 'The scope',
  keyId: 'The key',
  environment: 'The environment',
  monthlyUsd: 'The monthly budget',
  thresholds: 'Thresholds',
  timezone: 'The time zone',
};
const FIELDS = new Set<string>(Object.keys(FIELD_NAMES));
const isField = (s: string): s is BudgetField => FIELDS.has(s);
// lib/http.ts joins issues as "path: message; path: message".
const ISSUE_SPLIT = /; (?=(?:scope|keyId|environment|monthlyUsd|thresholds|timezone)(?:\.\d+)?: )/;
const PICK_A_KEY = 'Pick a key: search by name, then choose it from the list.';

/** "monthlyUsd must be more than 0" -> "The monthly budget must be more than 0": people read the form's words, not the API's. */
export function humanize(field: BudgetField, message: string): string {
  return message.startsWith(`${field} `) ? `${FIELD_NAMES[field]}${message.slice(field.length)}` : message;
}

/**
 * Puts each part of a refused save next to its field: "Invalid body: monthlyUsd: …; thresholds.0: …"
 * (a 400), "No key …" or "No environment …" (a 404). The rest (a 409, a network failure) is general.
 */
export function budgetFieldErrors(error: { message: string; status?: number }): BudgetFieldErrors {
  const result: BudgetFieldErrors = { fields: {}, general: null };
  if (error.status === 404 && /^No key /.test(error.message)) return { fields: { keyId: error.message }, general: null };
  if (error.status === 404 && /^No environment /.test(error.message)) return { fields: { environment: error.message }, general: null };
  const body = /^Invalid body: (.+)$/s.exec(error.message);
  if (!body) return { fields: {}, general: error.message };
  const rest: string[] = [];
  for (const issue of body[1]!.split(ISSUE_SPLIT)) {
    const match = /^([A-Za-z]+)(?:\.\d+)?: (.+)$/s.exec(issue);
    const field = match?.[1];
    if (match && field && isField(field)) result.fields[field] ??= field === 'keyId' ? PICK_A_KEY : humanize(field, match[2]!);
    else rest.push(issue);
  }
  if (rest.length > 0) result.general = `Invalid input: ${rest.join('; ')}`;
  return result;
}

/** Zones most teams bill in; the browser's own and the budget's current one are added. */
export const COMMON_TIMEZONES = [
  'UTC',
  'America/Los_Angeles',
  'America/Denver',
  'America/Chicago',
  'America/New_York',
  'America/Sao_Paulo',
  'Europe/London',
  'Europe/Dublin',
  'Europe/Paris',
  'Europe/Berlin',
  'Asia/Dubai',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Australia/Sydney',
] as const;

/** The zone select's options: the browser's zone first, then the common ones, then the current one if it is none of those. */
export function timezoneChoices(browserZone: string | null, current: string): string[] {
  const zones = [browserZone, ...COMMON_TIMEZONES, current].filter((z): z is string => typeof z === 'string' && z.trim().length > 0);
  return [...new Set(zones)];
}
