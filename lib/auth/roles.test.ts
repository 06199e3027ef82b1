import { describe, expect, it } from 'vitest';
import { can, forbiddenMessage, isPermission, isRole, PERMISSIONS, ROLES, rolesWith, type Permission, type Role } from './roles';

// The whole matrix, written out: a change to who may do what shows up here as a diff.
const MATRIX: Record<Role, Record<Permission, boolean>> = {
  viewer: { read: true, 'incident.act': false, 'key.disable': false, 'budget.write': false, 'budget.export': false, admin: false },
  oncall: { read: true, 'incident.act': true, 'key.disable': true, 'budget.write': false, 'budget.export': false, admin: false },
  finance: { read: true, 'incident.act': false, 'key.disable': false, 'budget.write': true, 'budget.export': true, admin: false },
  admin: { read: true, 'incident.act': true, 'key.disable': true, 'budget.write': true, 'budget.export': true, admin: true },
};

describe('can()', () => {
  const cases = ROLES.flatMap((role) => PERMISSIONS.map((permission) => [role, permission, MATRIX[role][permission]] as const));
  it.each(cases)('%s may %s: %s', (role, permission, allowed) => {
    expect(can(role, permission)).toBe(allowed);
  });

  it('covers every role and permission', () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...ROLES].sort());
    for (const role of ROLES) expect(Object.keys(MATRIX[role]).sort()).toEqual([...PERMISSIONS].sort());
  });

  it('gives admin everything and every role read', () => {
    for (const permission of PERMISSIONS) expect(can('admin', permission)).toBe(true);
    for (const role of ROLES) expect(can(role, 'read')).toBe(true);
  });
});

describe('role helpers', () => {
  it.each([
    ['viewer', true],
    ['admin', true],
    ['Admin', false],
    ['root', false],
    [undefined, false],
    [3, false],
  ])('isRole(%j) is %s', (value, expected) => {
    expect(isRole(value)).toBe(expected);
  });

  it.each([
    ['budget.write', true],
    ['budget', false],
    [null, false],
  ])('isPermission(%j) is %s', (value, expected) => {
    expect(isPermission(value)).toBe(expected);
  });

  it('names the roles that hold a permission', () => {
    expect(rolesWith('incident.act')).toEqual(['oncall', 'admin']);
    expect(rolesWith('admin')).toEqual(['admin']);
    expect(rolesWith('read')).toEqual(['viewer', 'oncall', 'finance', 'admin']);
  });

  it('says in the 403 message what was refused and who may', () => {
    expect(forbiddenMessage('viewer', 'budget.write')).toBe(
      'Your role (viewer) cannot change budgets; that needs the finance or admin role. Ask an admin to change your role.',
    );
    expect(forbiddenMessage('finance', 'admin')).toBe('Your role (finance) cannot change settings; that needs the admin role. Ask an admin to change your role.');
  });
});
