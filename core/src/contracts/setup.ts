import { z } from 'zod';
import { Password } from './auth';
import { TimeZone } from './clinic';
import { Email } from './common';

/** Whether the first-run set-up is still to do (no clinic yet), and whether the clinic here is the demo. */
export const SetupStatus = z.object({ needed: z.boolean(), demo: z.boolean() });
export type SetupStatus = z.infer<typeof SetupStatus>;

/** The first clinic and its owner, who signs in with their own password and then enrols a second factor. */
export const CreateClinicRequest = z
  .object({
    clinicName: z.string().trim().min(1).max(200),
    timeZone: TimeZone,
    ownerName: z.string().trim().min(1).max(200),
    email: Email,
    password: Password,
  })
  .strict();
export type CreateClinicRequest = z.infer<typeof CreateClinicRequest>;
