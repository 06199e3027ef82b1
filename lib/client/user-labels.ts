import type { Role } from '@/lib/auth/roles';
import type { UserView } from '@/lib/auth/user-schemas';
import { settingsErrors, topLevelField, type RefusedSave, type SettingsErrors } from './settings-errors';

// Words for users and roles on Settings > Users.

export const ROLE_LABELS: Record<Role, { title: string; can: string }> = {
  viewer: { title: 'Viewer', can: 'reads usage, keys, incidents and budgets' },
  oncall: { title: 'On-call', can: 'also acknowledges, resolves and labels incidents, and disables keys' },
  finance: { title: 'Finance', can: 'also sets budgets and exports them' },
  admin: { title: 'Admin', can: 'everything: connections, alert routes, ingest tokens and users' },
};

export function userState(u: Pick<UserView, 'disabled' | 'mustChangePassword'>): { state: 'active' | 'pending' | 'disabled'; icon: string; label: string } {
  if (u.disabled) return { state: 'disabled', icon: '○', label: 'Disabled' };
  if (u.mustChangePassword) return { state: 'pending', icon: '◐', label: 'Must change password' };
  return { state: 'active', icon: '✓', label: 'Active' };
}

export type UserField = 'email' | 'name' | 'role';
export type UserDraft = { email: string; name: string; role: Role };
export type UserErrors = SettingsErrors<UserField>;

export const emptyUserDraft = (): UserDraft => ({ email: '', name: '', role: 'viewer' });

export function userErrors(error: RefusedSave): UserErrors {
  return settingsErrors(error, topLevelField(['email', 'name', 'role'] as const), (e) => (/^A user .+ exists already|is not an email address/.test(e.message) ? 'email' : null));
}
