import { z } from 'zod';
import { staffRoles } from '../auth/roles';
import { Email } from './common';
import { Password } from './auth';

export const StaffUser = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(staffRoles),
  active: z.boolean(),
  totpEnabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
});
export type StaffUser = z.infer<typeof StaffUser>;

export const StaffUserList = z.object({ users: z.array(StaffUser) });
export type StaffUserList = z.infer<typeof StaffUserList>;

export const CreateStaffUserRequest = z
  .object({
    email: Email,
    name: z.string().trim().min(1).max(200),
    role: z.enum(staffRoles),
    password: Password,
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
