import { z } from 'zod';

/** Systems that reach the FHIR API with SMART Backend Services: registered by the clinic owner. */

const scope = z
  .string()
  .regex(
    /^system\/(\*|[A-Z][A-Za-z]+)\.(read|rs|r|s)$/,
    'a read scope such as system/Patient.rs or system/*.rs',
  );

/** A public JSON Web Key: the client's key, pasted as a JWKS (no key URL: the server makes no outside calls). */
const PublicJwk = z
  .object({
    kty: z.enum(['RSA', 'EC']),
    kid: z.string().min(1).max(200).optional(),
  })
  .catchall(z.unknown())
  .refine((k) => !('d' in k), 'paste only the public key (this one holds a private part, "d")');

export const RegisterFhirClientRequest = z.object({
  name: z.string().trim().min(1).max(100),
  jwks: z.object({ keys: z.array(PublicJwk).min(1).max(10) }),
  scopes: z.array(scope).min(1).max(30),
});
export type RegisterFhirClientRequest = z.infer<typeof RegisterFhirClientRequest>;

export const FhirClient = z.object({
  id: z.uuid(),
  /** What the client puts in `iss` and `sub` of its assertion. */
  clientId: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
  keyIds: z.array(z.string()),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type FhirClient = z.infer<typeof FhirClient>;

export const FhirClientList = z.object({ clients: z.array(FhirClient), tokenUrl: z.string() });
export type FhirClientList = z.infer<typeof FhirClientList>;
