import { z } from 'zod';

export const TimeZone = z.string().refine(isTimeZone, 'Unknown IANA time zone');

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const ClinicSettings = z.object({
  id: z.uuid(),
  name: z.string(),
  timeZone: z.string(),
  phone: z.string(),
  email: z.string(),
  address: z.string(),
  sessionTimeoutMinutes: z.number().int(),
  /** Sessions end this long after sign-in, however active. */
  sessionLifetimeHours: z.number().int(),
  /** Patients may move a session in the portal until this many hours before it. */
  rescheduleNoticeHours: z.number().int(),
  /** The demo clinic loaded for trials. */
  isDemo: z.boolean(),
  updatedAt: z.string(),
});
export type ClinicSettings = z.infer<typeof ClinicSettings>;

export const UpdateClinicSettingsRequest = z
  .object({
    name: z.string().trim().min(1).max(200),
    timeZone: TimeZone,
    phone: z.string().trim().max(40),
    email: z.union([z.email().max(254), z.literal('')]),
    address: z.string().trim().max(500),
    sessionTimeoutMinutes: z
      .number()
      .int()
      .min(5)
      .max(24 * 60),
    sessionLifetimeHours: z.number().int().min(1).max(720),
    rescheduleNoticeHours: z.number().int().min(0).max(336),
  })
  .partial()
  .strict();
export type UpdateClinicSettingsRequest = z.infer<typeof UpdateClinicSettingsRequest>;
