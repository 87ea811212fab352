import type { Role } from './roles';

/**
 * The permission matrix: which role may do what. The server checks one of these on every route;
 * the web app uses the same matrix only to hide what a role cannot use.
 */
export const permissions = [
  'patient:read',
  'patient:write',
  'screening:read',
  'screening:run',
  'screening:decide',
  'plan:read',
  'plan:write',
  'schedule:read',
  'schedule:write',
  'booking:override',
  'aftercare:triage',
  'aftercare:read',
  'reports:read',
  'clinic:read',
  'clinic:write',
  'users:manage',
  'audit:read',
  'portal:self',
  'outcome:read',
  'outcome:record',
  'treatment:status',
  'treatment:read',
  'treatment:chart',
  'treatment:sign',
  'inventory:read',
  'inventory:manage',
  'adverse-event:read',
  'adverse-event:write',
  'photo:take',
  'photo:export',
  'education:edit',
] as const;
export type Permission = (typeof permissions)[number];

const matrix: Record<Role, readonly Permission[]> = {
  owner: [
    'patient:read',
    'patient:write',
    'screening:read',
    'screening:run',
    'plan:read',
    'schedule:read',
    'schedule:write',
    'booking:override',
    'reports:read',
    'clinic:read',
    'clinic:write',
    'users:manage',
    'audit:read',
    'outcome:read',
    'aftercare:read',
    'treatment:status',
    'treatment:read',
    'inventory:read',
    'inventory:manage',
    'adverse-event:read',
    'adverse-event:write',
    'photo:export',
    'education:edit',
  ],
  provider: [
    'patient:read',
    'patient:write',
    'screening:read',
    'screening:run',
    'screening:decide',
    'plan:read',
    'plan:write',
    'schedule:read',
    'schedule:write',
    'booking:override',
    'aftercare:triage',
    'clinic:read',
    'outcome:read',
    'outcome:record',
    'aftercare:read',
    'treatment:status',
    'treatment:read',
    'treatment:chart',
    'treatment:sign',
    'inventory:read',
    'adverse-event:read',
    'adverse-event:write',
    'photo:take',
    'education:edit',
  ],
  'front-desk': [
    'patient:read',
    'patient:write',
    'plan:read',
    'schedule:read',
    'schedule:write',
    'clinic:read',
    'aftercare:read',
    'treatment:status',
  ],
  patient: ['portal:self'],
};

export function can(role: Role, permission: Permission): boolean {
  return matrix[role].includes(permission);
}

export function permissionsOf(role: Role): readonly Permission[] {
  return matrix[role];
}
