import type { IngestTokenView } from '@/lib/ingest/ingest-token-schemas';
import { settingsErrors, topLevelField, type RefusedSave, type SettingsErrors } from './settings-errors';

// The ingest token form as plain data.

export type TokenField = 'name' | 'environment';
export type TokenDraft = { name: string; environment: string };
export type TokenErrors = SettingsErrors<TokenField>;

export const emptyTokenDraft = (): TokenDraft => ({ name: '', environment: '' });

export function createTokenBody(draft: TokenDraft) {
  const environment = draft.environment.trim();
  return { name: draft.name.trim(), ...(environment ? { environment } : {}) };
}

export function tokenErrors(error: RefusedSave): TokenErrors {
  return settingsErrors(error, topLevelField(['name', 'environment'] as const), (e) => {
    if (/^(An ingest token named |Token name )/.test(e.message)) return 'name';
    if (/^Environment /.test(e.message)) return 'environment';
    return null;
  });
}

export function tokenState(t: Pick<IngestTokenView, 'revokedAt'>): { state: 'active' | 'revoked'; icon: string; label: string } {
  return t.revokedAt ? { state: 'revoked', icon: '○', label: 'Revoked' } : { state: 'active', icon: '✓', label: 'Active' };
}
