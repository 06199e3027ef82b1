// Who may do what. Four roles, each a set of permissions; route handlers declare the one
// permission they need (lib/http.ts `access`) and pages hide what a role cannot use.

export const ROLES = ['viewer', 'oncall', 'finance', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = ['read', 'incident.act', 'key.disable', 'budget.write', 'budget.export', 'admin'] as const;
export type Permission = (typeof PERMISSIONS)[number];

// viewer: read usage, keys, incidents, budgets. oncall: acknowledge, resolve and label
// incidents, disable a key. finance: create and change budgets, export them. admin:
// everything, including connections, alert routes, ingest tokens and users.
const GRANTS: Record<Role, readonly Permission[]> = {
  viewer: ['read'],
  oncall: ['read', 'incident.act', 'key.disable'],
  finance: ['read', 'budget.write', 'budget.export'],
  admin: PERMISSIONS,
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && (PERMISSIONS as readonly string[]).includes(value);
}

/** The roles that hold a permission, for messages ("needs the oncall or admin role"). */
export function rolesWith(permission: Permission): Role[] {
  return ROLES.filter((role) => can(role, permission));
}

const DESCRIPTIONS: Record<Permission, string> = {
  read: 'read the dashboard',
  'incident.act': 'act on incidents',
  'key.disable': 'disable keys',
  'budget.write': 'change budgets',
  'budget.export': 'export budgets',
  admin: 'change settings',
};

/** The 403 message: what was refused, the role the user has, and which roles may. */
export function forbiddenMessage(role: Role, permission: Permission): string {
  const roles = rolesWith(permission);
  const list = roles.length > 1 ? `${roles.slice(0, -1).join(', ')} or ${roles.at(-1)}` : roles[0];
  return `Your role (${role}) cannot ${DESCRIPTIONS[permission]}; that needs the ${list} role. Ask an admin to change your role.`;
}
