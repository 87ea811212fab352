import type { Queryable } from '../../db/database';

export interface FhirClientRow {
  id: string;
  clinic_id: string;
  name: string;
  jwks: { keys: Record<string, unknown>[] };
  scopes: string[];
  created_at: Date;
  revoked_at: Date | null;
}

export async function insertClient(
  db: Queryable,
  c: { clinicId: string; name: string; jwks: unknown; scopes: string[]; createdBy: string },
): Promise<FhirClientRow> {
  const { rows } = await db.query<FhirClientRow>(
    `INSERT INTO fhir_clients (clinic_id, name, jwks, scopes, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
    [c.clinicId, c.name, JSON.stringify(c.jwks), c.scopes, c.createdBy],
  );
  return rows[0]!;
}

export async function listClients(db: Queryable, clinicId: string): Promise<FhirClientRow[]> {
  const { rows } = await db.query<FhirClientRow>(
    'SELECT * FROM fhir_clients WHERE clinic_id = $1 ORDER BY created_at',
    [clinicId],
  );
  return rows;
}

export async function revokeClient(
  db: Queryable,
  clinicId: string,
  id: string,
): Promise<FhirClientRow | undefined> {
  const { rows } = await db.query<FhirClientRow>(
    `UPDATE fhir_clients SET revoked_at = coalesce(revoked_at, now()) WHERE clinic_id = $1 AND id = $2 RETURNING *`,
    [clinicId, id],
  );
  await db.query('DELETE FROM fhir_access_tokens WHERE clinic_id = $1 AND client_id = $2', [clinicId, id]);
  return rows[0];
}

/** The client named by an assertion's issuer, in whichever clinic registered it (its id is global). */
export async function findActiveClient(db: Queryable, id: string): Promise<FhirClientRow | undefined> {
  const { rows } = await db.query<FhirClientRow>(
    'SELECT * FROM fhir_clients WHERE id = $1 AND revoked_at IS NULL',
    [id],
  );
  return rows[0];
}

/** Takes an assertion's jti; false when the same client already used it (a replay). */
export async function takeAssertionId(
  db: Queryable,
  clientId: string,
  jti: string,
  expiresAt: Date,
  now: Date,
): Promise<boolean> {
  await db.query('DELETE FROM fhir_client_assertions WHERE client_id = $1 AND expires_at < $2', [
    clientId,
    now,
  ]);
  const { rowCount } = await db.query(
    `INSERT INTO fhir_client_assertions (client_id, jti, expires_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
    [clientId, jti, expiresAt],
  );
  return rowCount === 1;
}

export async function insertToken(
  db: Queryable,
  t: { tokenHash: string; clientId: string; clinicId: string; scopes: string[]; expiresAt: Date; now: Date },
): Promise<void> {
  await db.query('DELETE FROM fhir_access_tokens WHERE client_id = $1 AND expires_at < $2', [
    t.clientId,
    t.now,
  ]);
  await db.query(
    `INSERT INTO fhir_access_tokens (token_hash, client_id, clinic_id, scopes, expires_at) VALUES ($1, $2, $3, $4, $5)`,
    [t.tokenHash, t.clientId, t.clinicId, t.scopes, t.expiresAt],
  );
}

export async function findToken(
  db: Queryable,
  tokenHash: string,
  now: Date,
): Promise<{ client_id: string; clinic_id: string; scopes: string[] } | undefined> {
  const { rows } = await db.query<{ client_id: string; clinic_id: string; scopes: string[] }>(
    `SELECT t.client_id, t.clinic_id, t.scopes FROM fhir_access_tokens t JOIN fhir_clients c ON c.id = t.client_id
      WHERE t.token_hash = $1 AND t.expires_at > $2 AND c.revoked_at IS NULL`,
    [tokenHash, now],
  );
  return rows[0];
}
