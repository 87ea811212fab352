import { z } from 'zod';
import { Password } from './auth';
import { localeSchema } from './common';

/**
 * The invitation always goes to the email on the patient's record: staff neither choose the address nor
 * ever see the link (its token is only in the email).
 */
export const CreateInvitationRequest = z.object({}).strict();
export type CreateInvitationRequest = z.infer<typeof CreateInvitationRequest>;

export const invitationStatuses = ['pending', 'accepted', 'expired'] as const;

/** What staff see of an invitation: that it was sent, when, to which address, until when. */
export const Invitation = z.object({
  id: z.uuid(),
  email: z.string(),
  sentAt: z.string(),
  expiresAt: z.string(),
  acceptedAt: z.string().nullable(),
  status: z.enum(invitationStatuses),
});
export type Invitation = z.infer<typeof Invitation>;
export const InvitationList = z.object({ invitations: z.array(Invitation) });
export type InvitationList = z.infer<typeof InvitationList>;

export const InvitationTokenParams = z.object({ token: z.string().min(20).max(100) }).strict();

export const InvitationView = z.object({ clinicName: z.string(), givenName: z.string(), email: z.string() });
export type InvitationView = z.infer<typeof InvitationView>;

export const AcceptInvitationRequest = z.object({ password: Password }).strict();
export type AcceptInvitationRequest = z.infer<typeof AcceptInvitationRequest>;

export const IntakeState = z.object({
  formId: z.uuid().nullable(),
  status: z.enum(['not-started', 'draft', 'submitted']),
  draft: z.unknown(),
  step: z.string(),
  updatedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
});
export type IntakeState = z.infer<typeof IntakeState>;

export const SaveIntakeDraftRequest = z
  .object({ draft: z.record(z.string(), z.unknown()), step: z.string().max(100).default('') })
  .strict();
export type SaveIntakeDraftRequest = z.infer<typeof SaveIntakeDraftRequest>;

/** The record is validated on the server against the intake schema; the reply never carries a verdict. */
export const SubmitIntakeRequest = z.object({ record: z.unknown() }).strict();
export const SubmitIntakeResponse = z.object({
  status: z.literal('submitted'),
  submittedAt: z.string(),
  /** English, for API clients; the portal shows the catalog's text for `messageKey` in the patient's language. */
  message: z.string(),
  messageKey: z.literal('intake.sent.thanks'),
});
export type SubmitIntakeResponse = z.infer<typeof SubmitIntakeResponse>;

export const SubmittedIntake = z.object({
  id: z.uuid(),
  submittedAt: z.string(),
  screeningId: z.uuid().nullable(),
  record: z.unknown(),
});
export const PatientIntakes = z.object({
  intakes: z.array(SubmittedIntake),
  draftUpdatedAt: z.string().nullable(),
});
export type PatientIntakes = z.infer<typeof PatientIntakes>;

export const DrugQuery = z.object({ q: z.string().trim().max(60) }).strict();
export const DrugSuggestions = z.object({
  suggestions: z.array(
    z.object({ name: z.string(), generic: z.string(), conceptId: z.string(), rxnorm: z.string().nullable() }),
  ),
});

/** `PUT /api/portal/language`: the patient's language for the portal and every message to them. */
export const ChooseLanguageRequest = z.object({ language: localeSchema }).strict();
export type ChooseLanguageRequest = z.infer<typeof ChooseLanguageRequest>;
