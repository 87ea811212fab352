import { z } from 'zod';
import { consentKinds, consentStates } from '../consents/kinds';
import { locales } from '../i18n/locale';

export const ConsentKind = z.enum(consentKinds);
export const ConsentStateDto = z.enum(consentStates);

/** A drawn signature may be at most this many bytes of PNG. */
export const maxSignatureBytes = 300 * 1024;
export const signatureDataUrlPrefix = 'data:image/png;base64,';
const maxSignatureChars = signatureDataUrlPrefix.length + Math.ceil(maxSignatureBytes / 3) * 4;

export const ConsentLanguage = z.enum(locales);
export type ConsentLanguage = z.infer<typeof ConsentLanguage>;

/** One language's text of a version. */
export const ConsentText = z.object({ title: z.string(), body: z.string(), bodySha256: z.string() });
export type ConsentText = z.infer<typeof ConsentText>;

/** One version of a kind: the English text (`title`, `body`) and, when the clinic has written one, the Spanish. */
export const ConsentDocument = z.object({
  id: z.uuid(),
  kind: ConsentKind,
  version: z.number().int(),
  title: z.string(),
  body: z.string(),
  bodySha256: z.string(),
  spanish: ConsentText.nullable(),
  current: z.boolean(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type ConsentDocument = z.infer<typeof ConsentDocument>;

export const ConsentDocumentList = z.object({ documents: z.array(ConsentDocument) });
export type ConsentDocumentList = z.infer<typeof ConsentDocumentList>;

const publishedTitle = z.string().trim().min(3, 'Give the document a title').max(200);
const publishedBody = z.string().trim().min(20, 'Write the full text of the document').max(50_000);

/** A new version: the English text, and the Spanish one if the clinic has it (left out: English only). */
export const PublishConsentDocumentRequest = z
  .object({
    kind: ConsentKind,
    title: publishedTitle,
    body: publishedBody,
    spanish: z.object({ title: publishedTitle, body: publishedBody }).strict().optional(),
  })
  .strict();
export type PublishConsentDocumentRequest = z.infer<typeof PublishConsentDocumentRequest>;

/** `language` is the language of the text the patient read (English when left out). */
export const SignConsentRequest = z
  .object({
    language: ConsentLanguage.optional(),
    typedName: z.string().trim().min(2, 'Type your full name').max(200),
    signature: z
      .string()
      .max(maxSignatureChars, 'The drawn signature is larger than 300 KB')
      .regex(/^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/, 'Draw your signature (a PNG image)'),
  })
  .strict();
export type SignConsentRequest = z.infer<typeof SignConsentRequest>;

export const RevokeConsentRequest = z
  .object({ reason: z.string().trim().max(1000).optional() })
  .strict()
  .nullish();
export type RevokeConsentRequest = z.infer<typeof RevokeConsentRequest>;

export const DocumentIdParams = z.object({ documentId: z.uuid() }).strict();
export const PatientSignatureParams = z.object({ id: z.uuid(), sigId: z.uuid() }).strict();

export const ConsentRevocation = z.object({
  revokedAt: z.string(),
  reason: z.string(),
  revokedByName: z.string().nullable(),
});

/**
 * One signature as evidence: what was signed (version, language and the SHA-256 of that language's text), by
 * whom, when, from where. `documentTitle` is the title in the language signed.
 */
export const ConsentSignature = z.object({
  id: z.uuid(),
  documentId: z.uuid(),
  kind: ConsentKind,
  documentVersion: z.number().int(),
  language: ConsentLanguage,
  documentTitle: z.string(),
  documentSha256: z.string(),
  typedName: z.string(),
  signedAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  revocable: z.boolean(),
  revocation: ConsentRevocation.nullable(),
});
export type ConsentSignature = z.infer<typeof ConsentSignature>;

/** A patient's standing for one kind against the clinic's current version of it. */
export const ConsentStatus = z.object({
  kind: ConsentKind,
  state: ConsentStateDto,
  revocable: z.boolean(),
  document: ConsentDocument,
  latestSignature: ConsentSignature.nullable(),
});
export type ConsentStatus = z.infer<typeof ConsentStatus>;

/** The portal: every current document with its full text, and my state for each. */
export const PortalConsents = z.object({ consents: z.array(ConsentStatus) });
export type PortalConsents = z.infer<typeof PortalConsents>;

/** Staff view of one patient: states per kind plus the whole signature history, revocations included. */
export const PatientConsents = z.object({
  patientId: z.uuid(),
  consents: z.array(ConsentStatus),
  signatures: z.array(ConsentSignature),
});
export type PatientConsents = z.infer<typeof PatientConsents>;
