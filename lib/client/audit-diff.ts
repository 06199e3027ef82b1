import { isSecretField } from '@/lib/log';

// An audit entry's before/after as rows a person can scan: one row per field (nested
// objects as dotted paths), each value as short text, changed fields marked. The server
// stores secrets as hints only; a field whose name still says "secret" is masked here too,
// so a row written by a careless future change cannot show one.

export type DiffRow = { field: string; before: string | null; after: string | null; changed: boolean };

export const MASKED = '[redacted]';

type Flat = Map<string, string>;

function flatten(value: unknown, prefix: string, out: Flat): Flat {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && prefix) out.set(prefix, '{}');
    for (const [key, inner] of entries) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (isSecretField(key) && (inner === null || typeof inner !== 'object')) out.set(path, MASKED);
      else flatten(inner, path, out);
    }
    return out;
  }
  out.set(prefix || 'value', showValue(value));
  return out;
}

/** One value as text: strings as they are, lists joined, everything else as JSON. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value === '' ? '""' : value;
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
  return JSON.stringify(value);
}

/** The fields of `before` and `after`, in first-seen order; `null` where a side lacks the field. */
export function auditDiff(before: unknown, after: unknown): DiffRow[] {
  const b = before === null || before === undefined ? new Map<string, string>() : flatten(before, '', new Map());
  const a = after === null || after === undefined ? new Map<string, string>() : flatten(after, '', new Map());
  const fields = [...new Set([...b.keys(), ...a.keys()])];
  // Only with both sides is a field "changed"; a created or deleted thing lists its fields plainly.
  const both = b.size > 0 && a.size > 0;
  return fields.map((field) => {
    const was = b.get(field) ?? null;
    const is = a.get(field) ?? null;
    return { field, before: was, after: is, changed: both && was !== is };
  });
}

