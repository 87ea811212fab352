import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';

export const testTokenUrl = 'https://clinic.test/fhir/R4/auth/token';

export interface TestFhirClient {
  clientId: string;
  privateKey: CryptoKey;
  kid: string;
  alg: 'RS384' | 'ES384';
}

/** Registers a system with a fresh RS384 key pair through the owner's settings API. */
export async function registerTestClient(
  app: FastifyInstance,
  ownerCookie: string,
  scopes: string[],
  alg: 'RS384' | 'ES384' = 'RS384',
): Promise<TestFhirClient> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const kid = randomUUID();
  const jwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  const response = await app.inject({
    method: 'POST',
    url: '/api/fhir-clients',
    headers: { cookie: ownerCookie },
    payload: { name: `System ${kid.slice(0, 6)}`, jwks: { keys: [jwk] }, scopes },
  });
  if (response.statusCode !== 201) throw new Error(`register failed: ${response.body}`);
  return { clientId: response.json().clientId, privateKey, kid, alg };
}

/** A client assertion as SMART Backend Services describes it; `overrides` make bad ones. */
export async function signAssertion(
  client: TestFhirClient,
  overrides: { jti?: string; expiresIn?: number; audience?: string; key?: CryptoKey; at?: Date } = {},
): Promise<string> {
  const now = Math.floor((overrides.at?.getTime() ?? Date.now()) / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: client.alg, kid: client.kid, typ: 'JWT' })
    .setIssuer(client.clientId)
    .setSubject(client.clientId)
    .setAudience(overrides.audience ?? testTokenUrl)
    .setJti(overrides.jti ?? randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + (overrides.expiresIn ?? 240))
    .sign(overrides.key ?? client.privateKey);
}

export async function requestToken(app: FastifyInstance, assertion: string, scope: string) {
  return app.inject({
    method: 'POST',
    url: '/fhir/R4/auth/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
      scope,
    }).toString(),
  });
}

/** A bearer header for `client` with `scope`, through the real token endpoint (`at`: the server clock's now). */
export async function clientBearer(
  app: FastifyInstance,
  client: TestFhirClient,
  scope: string,
  at?: Date,
): Promise<string> {
  const response = await requestToken(app, await signAssertion(client, { at }), scope);
  if (response.statusCode !== 200) throw new Error(`token failed: ${response.body}`);
  return `Bearer ${response.json().access_token}`;
}
