import { describe, expect, it } from 'vitest';
import { can, permissions, permissionsOf } from './permissions';
import { roles } from './roles';

describe('permission matrix', () => {
  it.each([
    ['owner', 'users:manage', true],
    ['owner', 'audit:read', true],
    ['owner', 'screening:decide', false],
    ['provider', 'screening:decide', true],
    ['provider', 'users:manage', false],
    ['provider', 'audit:read', false],
    ['front-desk', 'schedule:write', true],
    ['front-desk', 'screening:read', false],
    ['provider', 'screening:run', true],
    ['owner', 'screening:run', true],
    ['front-desk', 'screening:run', false],
    ['provider', 'booking:override', true],
    ['owner', 'booking:override', true],
    ['front-desk', 'booking:override', false],
    ['patient', 'booking:override', false],
    ['front-desk', 'clinic:write', false],
    ['patient', 'portal:self', true],
    ['provider', 'treatment:sign', true],
    ['owner', 'treatment:sign', false],
    ['owner', 'inventory:manage', true],
    ['provider', 'inventory:manage', false],
    ['front-desk', 'treatment:status', true],
    ['front-desk', 'treatment:read', false],
    ['front-desk', 'adverse-event:read', false],
    ['patient', 'patient:read', false],
    ['provider', 'outcome:record', true],
    ['owner', 'outcome:read', true],
    ['owner', 'outcome:record', false],
    ['front-desk', 'outcome:read', false],
    ['patient', 'outcome:record', false],
    ['provider', 'aftercare:triage', true],
    ['front-desk', 'aftercare:read', true],
    ['front-desk', 'aftercare:triage', false],
    ['owner', 'aftercare:read', true],
    ['owner', 'aftercare:triage', false],
    ['patient', 'aftercare:read', false],
    ['provider', 'photo:take', true],
    ['front-desk', 'photo:take', false],
    ['owner', 'photo:export', true],
    ['provider', 'photo:export', false],
    ['owner', 'education:edit', true],
    ['provider', 'education:edit', true],
    ['front-desk', 'education:edit', false],
  ] as const)('%s may %s: %s', (role, permission, allowed) => {
    expect(can(role, permission)).toBe(allowed);
  });

  it('gives portal access to patients only and staff access never to patients', () => {
    for (const role of roles) {
      expect(can(role, 'portal:self')).toBe(role === 'patient');
    }
    expect(permissionsOf('patient')).toEqual(['portal:self']);
  });

  it('grants every permission to at least one role', () => {
    for (const permission of permissions) {
      expect(roles.some((role) => can(role, permission))).toBe(true);
    }
  });
});
