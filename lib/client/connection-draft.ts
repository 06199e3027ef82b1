import type { ConnectionView, CredentialView } from '@/lib/connections/connection-schemas';
import { settingsErrors, topLevelField, type RefusedSave, type SettingsErrors } from './settings-errors';

// The connection forms as plain data: the request bodies they make, where a refusal goes,
// and how a connection's state reads.

export type ConnectionProvider = ConnectionView['provider'];
export type ConnectionField = 'provider' | 'name' | 'adminKey' | 'baseUrl';
export type ConnectionDraft = { provider: ConnectionProvider; name: string; adminKey: string; baseUrl: string };
export type ConnectionErrors = SettingsErrors<ConnectionField>;

export const PROVIDER_NAMES: Record<ConnectionProvider, string> = { openai: 'OpenAI', anthropic: 'Anthropic' };

/** What each provider's admin key looks like and where it is made. */
export const ADMIN_KEY_HELP: Record<ConnectionProvider, { placeholder: string; help: string }> = {
  openai: { placeholder: 'sk-admin-…', help: 'An organization admin key (sk-admin-…), made by an owner under Settings → Organization → Admin keys. Project keys (sk-proj-…) cannot read usage.' },
  anthropic: { placeholder: 'sk-ant-admin01-…', help: 'An Admin API key (sk-ant-admin…), made by an admin under Settings → Admin keys in the Claude Console. Standard API keys cannot read usage.' },
};

export function emptyConnectionDraft(provider: ConnectionProvider = 'openai'): ConnectionDraft {
  return { provider, name: '', adminKey: '', baseUrl: '' };
}

export function createConnectionBody(draft: ConnectionDraft) {
  const baseUrl = draft.baseUrl.trim();
  return { provider: draft.provider, name: draft.name.trim(), adminKey: draft.adminKey.trim(), ...(baseUrl ? { baseUrl } : {}) };
}

const FIELDS = ['provider', 'name', 'adminKey', 'baseUrl'] as const;

/** A refused add or key replacement, on its field: the provider's refusal goes under the key. */
export function connectionErrors(error: RefusedSave, hasBaseUrl: boolean): ConnectionErrors {
  return settingsErrors(error, topLevelField(FIELDS), (e) => {
    if (e.status === 409 && /^A connection named /.test(e.message)) return 'name';
    if (e.status === 422 && / refused the admin key/.test(e.message)) return 'adminKey';
    // Not reached at all: most often a wrong base URL.
    if (e.status === 502 && /^Could not check the admin key/.test(e.message)) return hasBaseUrl ? 'baseUrl' : 'adminKey';
    return null;
  });
}

export type ConnectionState = { state: 'ok' | 'error' | 'never' | 'disabled'; icon: string; label: string };

/** The status badge: a word and an icon, colour only reinforces them. */
export function connectionState(c: Pick<ConnectionView, 'enabled' | 'syncStatus'>): ConnectionState {
  if (!c.enabled || c.syncStatus === 'disabled') return { state: 'disabled', icon: '○', label: 'Disabled' };
  if (c.syncStatus === 'ok') return { state: 'ok', icon: '✓', label: 'OK' };
  if (c.syncStatus === 'error') return { state: 'error', icon: '✖', label: 'Failing' };
  return { state: 'never', icon: '…', label: 'Not synced yet' };
}

export function describeCredential(credential: CredentialView): string {
  if (credential.source === 'secret') return credential.hint ? `Stored key ${credential.hint}` : 'Stored key';
  if (credential.source === 'environment') return `From environment variable ${credential.variable}`;
  return 'No key configured';
}

/** Whether the key and name can be changed here: demo and environment connections are set up at start. */
export function managedBy(c: Pick<ConnectionView, 'demo' | 'credential'>): 'demo' | 'environment' | null {
  if (c.demo) return 'demo';
  if (c.credential.source === 'environment') return 'environment';
  return null;
}
