import { z } from 'zod';
import { roles } from '../auth/roles';
import { permissions } from '../auth/permissions';
import { Email, localeSchema } from './common';

export const Password = z.string().min(10, 'Use at least 10 characters').max(200);

export const LoginRequest = z
  .object({
    email: Email,
    password: z.string().min(1).max(200),
    totp: z
      .string()
      .regex(/^\d{6}$/, 'A 6-digit code')
      .optional(),
    /** One of the user's one-time recovery codes, in place of the 6-digit code. */
    recoveryCode: z.string().trim().min(1).max(40).optional(),
  })
  .strict();
export type LoginRequest = z.infer<typeof LoginRequest>;

export const CurrentUser = z.object({
  id: z.uuid(),
  clinicId: z.uuid(),
  clinicName: z.string(),
  /** The demo clinic loaded for trials: the app says so on every page. */
  clinicIsDemo: z.boolean(),
  /** The clinic's IANA time zone: times are shown in it, whatever the device's zone. */
  clinicTimeZone: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(roles),
  patientId: z.uuid().nullable(),
  /** A patient's chosen language for the portal and their messages; null for staff. */
  preferredLanguage: localeSchema.nullable(),
  totpEnabled: z.boolean(),
  /** True when the role requires a second factor that is not set up yet: only enrolment is allowed. */
  totpSetupRequired: z.boolean(),
  permissions: z.array(z.enum(permissions)),
});
export type CurrentUser = z.infer<typeof CurrentUser>;

export const SessionResponse = z.object({ user: CurrentUser });
export type SessionResponse = z.infer<typeof SessionResponse>;

export const ChangePasswordRequest = z
  .object({ currentPassword: z.string().min(1).max(200), newPassword: Password })
  .strict();
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

export const TotpSetupResponse = z.object({ secret: z.string(), otpauthUri: z.string() });
export type TotpSetupResponse = z.infer<typeof TotpSetupResponse>;

export const TotpEnableRequest = z.object({ code: z.string().regex(/^\d{6}$/, 'A 6-digit code') }).strict();
export type TotpEnableRequest = z.infer<typeof TotpEnableRequest>;

/** Two-factor sign-in is on; the recovery codes are shown this once and never again. */
export const TotpEnableResponse = z.object({ user: CurrentUser, recoveryCodes: z.array(z.string()) });
export type TotpEnableResponse = z.infer<typeof TotpEnableResponse>;

export const RecoveryCodeStatus = z.object({ remaining: z.number().int(), total: z.number().int() });
export type RecoveryCodeStatus = z.infer<typeof RecoveryCodeStatus>;

/** Making new recovery codes (the old ones stop working) asks for the password again. */
export const RegenerateRecoveryCodesRequest = z.object({ password: z.string().min(1).max(200) }).strict();
export type RegenerateRecoveryCodesRequest = z.infer<typeof RegenerateRecoveryCodesRequest>;

export const RecoveryCodesResponse = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodesResponse = z.infer<typeof RecoveryCodesResponse>;

/** "Forgot password?": the answer is the same whether or not the account exists. */
export const PasswordResetRequest = z.object({ email: Email }).strict();
export type PasswordResetRequest = z.infer<typeof PasswordResetRequest>;

export const ResetPasswordRequest = z.object({ password: Password }).strict();
export type ResetPasswordRequest = z.infer<typeof ResetPasswordRequest>;
