import { z } from 'zod';
import { staffRoles } from '../auth/roles';
import { Email } from './common';
import { Password } from './auth';

export const staffInvitationStatuses = ['pending', 'accepted', 'expired'] as const;
export type StaffInvitationStatus = (typeof staffInvitationStatuses)[number];
export const staffInvitationStatusLabels: Record<StaffInvitationStatus, string> = {
  pending: 'Invitation sent',
  accepted: 'Invitation accepted',
  expired: 'Invitation expired',
};

/** The latest invitation email of a staff member (none for accounts made before invitations, or at set-up). */
export const StaffInvitation = z.object({
  status: z.enum(staffInvitationStatuses),
  sentAt: z.string(),
  expiresAt: z.string(),
  acceptedAt: z.string().nullable(),
});
export type StaffInvitation = z.infer<typeof StaffInvitation>;

export const StaffUser = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(staffRoles),
  active: z.boolean(),
  totpEnabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
  invitation: StaffInvitation.nullable(),
});
export type StaffUser = z.infer<typeof StaffUser>;

/** The invitation link: `/welcome?token=…`; the token is only in the email. */
export const AccountTokenParams = z.object({ token: z.string().min(20).max(100) }).strict();

export const StaffInvitationView = z.object({
  clinicName: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(staffRoles),
});
export type StaffInvitationView = z.infer<typeof StaffInvitationView>;

export const AcceptStaffInvitationRequest = z.object({ password: Password }).strict();
export type AcceptStaffInvitationRequest = z.infer<typeof AcceptStaffInvitationRequest>;

export const StaffUserList = z.object({ users: z.array(StaffUser) });
export type StaffUserList = z.infer<typeof StaffUserList>;

export const CreateStaffUserRequest = z
  .object({
    email: Email,
    name: z.string().trim().min(1, 'Enter their name').max(200),
    role: z.enum(staffRoles),
  })
  .strict();
export type CreateStaffUserRequest = z.infer<typeof CreateStaffUserRequest>;

export const UpdateStaffUserRequest = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    role: z.enum(staffRoles).optional(),
    active: z.boolean().optional(),
    unlock: z.literal(true).optional(),
  })
  .strict();
export type UpdateStaffUserRequest = z.infer<typeof UpdateStaffUserRequest>;
