import type { HygieneRule } from '@/lib/keys/key-schemas';
import type { KeyRow, KeysQuery } from '@/lib/usage/overview-schemas';

// Words for key fields, shared by the keys, key, environment and hygiene pages.

export const PROVIDER_LABELS: Record<KeyRow['provider'], string> = { openai: 'OpenAI', anthropic: 'Anthropic' };

export type KeyStatus = NonNullable<KeysQuery['status']>;
export const KEY_STATUS_LABELS: Record<KeyStatus, string> = { active: 'Active', inactive: 'Inactive', disabled: 'Disabled', deleted: 'Deleted' };

export function keyStatusLabel(status: string): string {
  return status in KEY_STATUS_LABELS ? KEY_STATUS_LABELS[status as KeyStatus] : status;
}

export const HYGIENE_RULES: Record<HygieneRule, { title: string; why: string }> = {
  rotation_overdue: { title: 'Rotation overdue', why: 'Older than the rotation policy: the longer a key lives, the more places it has been copied to.' },
  shared_project: { title: 'Project shared across environments', why: 'Development or staging keys in a production project reach production data and share its limits.' },
  unused: { title: 'Unused', why: 'Not used lately: a key nobody needs is only a risk. Disable it.' },
  no_owner: { title: 'No owner', why: 'Nobody to ask before rotating it, and nobody paged about it.' },
};

/** "▲ 12.3%", "▼ 4.0%", "new" (nothing the week before) or "—" (nothing either week). */
export function trendText(trend: KeyRow['trend']): { direction: 'up' | 'down' | 'flat'; text: string } {
  if (trend.change === null) return trend.last7dUsd > 0 ? { direction: 'up', text: 'new' } : { direction: 'flat', text: '—' };
  if (Math.abs(trend.change) < 0.0005) return { direction: 'flat', text: '0%' };
  const pct = `${Math.abs(trend.change * 100).toLocaleString('en-US', { maximumFractionDigits: Math.abs(trend.change) >= 10 ? 0 : 1 })}%`;
  return trend.change > 0 ? { direction: 'up', text: `▲ ${pct}` } : { direction: 'down', text: `▼ ${pct}` };
}

/** "82%" for budget bars; one decimal under 10%. */
export function formatBudgetShare(percent: number): string {
  return `${percent.toLocaleString('en-US', { maximumFractionDigits: percent < 10 ? 1 : 0 })}%`;
}
