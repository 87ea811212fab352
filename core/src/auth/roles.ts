export const roles = ['owner', 'provider', 'front-desk', 'patient'] as const;
export type Role = (typeof roles)[number];
export const staffRoles = ['owner', 'provider', 'front-desk'] as const satisfies readonly Role[];
export type StaffRole = (typeof staffRoles)[number];

export const roleLabels: Record<Role, string> = {
  owner: 'Owner',
  provider: 'Provider',
  'front-desk': 'Front desk',
  patient: 'Patient',
};
