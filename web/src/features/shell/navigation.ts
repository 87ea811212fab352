import type { Permission } from '@needlepoint/core/auth/permissions';

export interface NavItem {
  label: string;
  to:
    | '/patients'
    | '/today'
    | '/schedule'
    | '/screening'
    | '/aftercare'
    | '/reports'
    | '/settings'
    | '/settings/users'
    | '/settings/scheduling'
    | '/settings/screening'
    | '/settings/consent-documents'
    | '/settings/education'
    | '/settings/audit'
    | '/settings/fhir-clients'
    | '/inventory'
    | '/recalls'
    | '/adverse-events';
  /** The permission the area needs; the server checks it again on every request. */
  permission: Permission;
  /** Owner-only administration, listed in its own group. */
  admin?: boolean;
}

export const navItems: readonly NavItem[] = [
  { label: 'Patients', to: '/patients', permission: 'patient:read' },
  { label: 'Today', to: '/today', permission: 'schedule:read' },
  { label: 'Schedule', to: '/schedule', permission: 'schedule:read' },
  { label: 'Screening', to: '/screening', permission: 'screening:read' },
  { label: 'Aftercare', to: '/aftercare', permission: 'aftercare:read' },
  { label: 'Reports', to: '/reports', permission: 'reports:read' },
  { label: 'Inventory', to: '/inventory', permission: 'inventory:read' },
  { label: 'Lot lookup', to: '/recalls', permission: 'inventory:read' },
  { label: 'Adverse events', to: '/adverse-events', permission: 'adverse-event:read' },
  { label: 'Settings', to: '/settings', permission: 'clinic:read', admin: true },
  { label: 'Screening rules', to: '/settings/screening', permission: 'clinic:read', admin: true },
  { label: 'Consent documents', to: '/settings/consent-documents', permission: 'clinic:read', admin: true },
  { label: 'Education library', to: '/settings/education', permission: 'education:edit', admin: true },
  { label: 'Scheduling', to: '/settings/scheduling', permission: 'schedule:read', admin: true },
  { label: 'Users', to: '/settings/users', permission: 'users:manage', admin: true },
  { label: 'Audit log', to: '/settings/audit', permission: 'audit:read', admin: true },
  { label: 'Connected systems', to: '/settings/fhir-clients', permission: 'clinic:write', admin: true },
];

export function visibleNavItems(permissions: readonly Permission[]): NavItem[] {
  return navItems.filter((item) => permissions.includes(item.permission));
}
