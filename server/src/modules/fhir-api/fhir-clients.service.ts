import { createHash, randomBytes } from 'node:crypto';
import { createLocalJWKSet, decodeJwt, errors, importJWK, jwtVerify, type JWK } from 'jose';
import type {
  FhirClient,
  FhirClientList,
  RegisterFhirClientRequest,
} from '@needlepoint/core/contracts/fhir-clients';
import { DomainError } from '@needlepoint/core/errors';
import { isServedType } from '@needlepoint/core/fhir/fhir-search';
import { formatScope, grantScopes, parseScopes, type SystemScope } from '@needlepoint/core/fhir/smart-scopes';
import type { Database } from '../../db/database';
import { recordAudit, type Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import * as repo from './fhir-clients.repo';

/** Access tokens live five minutes; a system asks again with a fresh assertion. */
export const tokenLifetimeSeconds = 300;
/** SMART: an assertion's exp is at most five minutes ahead. */
const maxAssertionSeconds = 300;
const clockToleranceSeconds = 30;
export const assertionType = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

function toDto(row: repo.FhirClientRow): FhirClient {
  return {
    id: row.id,
    clientId: row.id,
    name: row.name,
    scopes: row.scopes,
    keyIds: row.jwks.keys.map((k, i) => (typeof k.kid === 'string' ? k.kid : `key ${i + 1}`)),
    createdAt: row.created_at.toISOString(),
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

/** Every key must be a usable public RS384 or ES384 (P-384) verification key. */
async function checkKeys(jwks: RegisterFhirClientRequest['jwks']): Promise<void> {
  for (const [i, key] of jwks.keys.entries()) {
    const where = `jwks.keys.${i}`;
    if (key.kty === 'RSA' && (typeof key.n !== 'string' || Buffer.from(key.n, 'base64url').length < 256))
      throw new DomainError('FHIR_CLIENT_KEYS_INVALID', `${where}: an RSA key must have at least 2048 bits`);
    if (key.kty === 'EC' && key.crv !== 'P-384')
      throw new DomainError('FHIR_CLIENT_KEYS_INVALID', `${where}: an EC key must be on P-384 (ES384)`);
    try {
      await importJWK(key as JWK, key.kty === 'RSA' ? 'RS384' : 'ES384');
    } catch (error) {
      throw new DomainError(
        'FHIR_CLIENT_KEYS_INVALID',
        `${where}: not a usable public key (${error instanceof Error ? error.message : 'unreadable'})`,
      );
    }
  }
}

export async function registerClient(
  db: Database,
  actor: Actor,
  input: RegisterFhirClientRequest,
): Promise<FhirClient> {
  await checkKeys(input.jwks);
  return db.transaction(async (client) => {
    const row = await repo.insertClient(client, {
      clinicId: actor.clinicId,
      name: input.name,
      jwks: input.jwks,
      scopes: [...new Set(input.scopes)],
      createdBy: actor.userId,
    });
    await recordAudit(client, actor, {
      action: 'fhir-client.registered',
      entityType: 'fhir-client',
      entityId: row.id,
      details: { name: row.name, scopes: row.scopes },
    });
    return toDto(row);
  });
}

export async function listClients(db: Database, actor: Actor, tokenUrl: string): Promise<FhirClientList> {
  return { clients: (await repo.listClients(db.pool, actor.clinicId)).map(toDto), tokenUrl };
}

export async function revokeClient(db: Database, actor: Actor, id: string): Promise<FhirClient> {
  return db.transaction(async (client) => {
    const row = await repo.revokeClient(client, actor.clinicId, id);
    if (!row) throw new DomainError('FHIR_CLIENT_NOT_FOUND', 'No such client');
    await recordAudit(client, actor, {
      action: 'fhir-client.revoked',
      entityType: 'fhir-client',
      entityId: id,
    });
    return toDto(row);
  });
}

export interface TokenRequest {
  grant_type?: unknown;
  client_assertion_type?: unknown;
  client_assertion?: unknown;
  scope?: unknown;
}

/** An OAuth 2.0 token response, or its error (RFC 6749 section 5.2: `error` and `error_description`). */
export type TokenResult =
  | { ok: true; body: { access_token: string; token_type: 'bearer'; expires_in: number; scope: string } }
  | { ok: false; status: 400 | 401; error: string; description: string };

const refuse = (status: 400 | 401, error: string, description: string): TokenResult => ({
  ok: false,
  status,
  error,
  description,
});

function assertionProblem(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the assertion has expired';
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return 'the assertion signature does not verify';
  if (error instanceof errors.JWKSNoMatchingKey) return 'no registered key matches the assertion';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the assertion must be signed with RS384 or ES384';
  if (error instanceof errors.JWTClaimValidationFailed)
    return `the assertion's ${error.claim} claim is not valid`;
  return 'the assertion is not a valid signed JWT';
}

/**
 * SMART Backend Services token request: client_credentials with a signed JWT assertion (RS384/ES384), checked
 * against the client's registered keys, issuer/subject, audience (this token URL), expiry and one-time jti.
 */
export async function issueToken(
  db: Database,
  clock: Clock,
  request: TokenRequest,
  meta: { tokenUrl: string; ip: string | null; requestId: string },
): Promise<TokenResult> {
  if (request.grant_type !== 'client_credentials')
    return refuse(400, 'unsupported_grant_type', 'grant_type must be client_credentials');
  if (request.client_assertion_type !== assertionType)
    return refuse(400, 'invalid_request', `client_assertion_type must be ${assertionType}`);
  if (typeof request.client_assertion !== 'string' || request.client_assertion === '')
    return refuse(400, 'invalid_request', 'client_assertion is missing');
  if (typeof request.scope !== 'string' || request.scope.trim() === '')
    return refuse(400, 'invalid_scope', 'scope is missing');
  const assertion = request.client_assertion;
  let issuer: string | undefined;
  try {
    issuer = decodeJwt(assertion).iss;
  } catch {
    return refuse(401, 'invalid_client', 'the assertion is not a JWT');
  }
  const client =
    issuer && /^[0-9a-f-]{36}$/i.test(issuer) ? await repo.findActiveClient(db.pool, issuer) : undefined;
  if (!client) return refuse(401, 'invalid_client', 'the assertion names no active client (iss)');
  const now = clock.now();
  let payload;
  try {
    ({ payload } = await jwtVerify(assertion, createLocalJWKSet(client.jwks), {
      algorithms: ['RS384', 'ES384'],
      issuer: client.id,
      subject: client.id,
      audience: meta.tokenUrl,
      currentDate: now,
      clockTolerance: clockToleranceSeconds,
      requiredClaims: ['exp', 'jti'],
    }));
  } catch (error) {
    return refuse(401, 'invalid_client', assertionProblem(error));
  }
  const exp = payload.exp!;
  if (exp > now.getTime() / 1000 + maxAssertionSeconds + clockToleranceSeconds)
    return refuse(401, 'invalid_client', 'the assertion expires more than five minutes ahead');
  const granted: SystemScope[] = grantScopes(
    parseScopes(request.scope).filter((s) => s.type === '*' || isServedType(s.type)),
    parseScopes(client.scopes.join(' ')),
  );
  if (granted.length === 0)
    return refuse(400, 'invalid_scope', 'none of the requested scopes is registered for this client');
  const token = randomBytes(32).toString('base64url');
  const scopes = granted.map(formatScope);
  const taken = await db.transaction(async (tx) => {
    if (!(await repo.takeAssertionId(tx, client.id, String(payload.jti), new Date(exp * 1000), now)))
      return false;
    await repo.insertToken(tx, {
      tokenHash: hashToken(token),
      clientId: client.id,
      clinicId: client.clinic_id,
      scopes,
      expiresAt: new Date(now.getTime() + tokenLifetimeSeconds * 1000),
      now,
    });
    await recordAudit(
      tx,
      { userId: null, clinicId: client.clinic_id, role: null, ip: meta.ip, requestId: meta.requestId, clock },
      {
        action: 'fhir-client.token-issued',
        entityType: 'fhir-client',
        entityId: client.id,
        details: { scopes },
      },
    );
    return true;
  });
  if (!taken) return refuse(401, 'invalid_client', 'the assertion was already used (jti)');
  return {
    ok: true,
    body: {
      access_token: token,
      token_type: 'bearer',
      expires_in: tokenLifetimeSeconds,
      scope: scopes.join(' '),
    },
  };
}

/** The system behind an access token, or undefined when it is unknown, expired or its client revoked. */
export async function authenticateToken(
  db: Database,
  clock: Clock,
  token: string,
): Promise<{ clientId: string; clinicId: string; scopes: SystemScope[] } | undefined> {
  const row = await repo.findToken(db.pool, hashToken(token), clock.now());
  if (!row) return undefined;
  return { clientId: row.client_id, clinicId: row.clinic_id, scopes: parseScopes(row.scopes.join(' ')) };
}
