import type { Queryable } from '../../db/database';

export type ExportStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
export interface ExportFile {
  type: string;
  file: string;
  count: number;
}

export interface ExportRow {
  id: string;
  clinic_id: string;
  requested_by_user: string | null;
  requested_by_client: string | null;
  level: 'system' | 'patient';
  types: string[];
  since: Date | null;
  request_url: string;
  status: ExportStatus;
  progress: string;
  output: ExportFile[];
  error: string | null;
  transaction_time: Date;
  created_at: Date;
  completed_at: Date | null;
}

export async function insertExport(
  db: Queryable,
  e: {
    clinicId: string;
    userId: string | null;
    clientId: string | null;
    level: 'system' | 'patient';
    types: string[];
    since: Date | null;
    requestUrl: string;
    now: Date;
  },
): Promise<ExportRow> {
  const { rows } = await db.query<ExportRow>(
    `INSERT INTO fhir_exports (clinic_id, requested_by_user, requested_by_client, level, types, since, request_url, transaction_time)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
    [e.clinicId, e.userId, e.clientId, e.level, e.types, e.since, e.requestUrl, e.now],
  );
  return rows[0]!;
}

export async function findExport(
  db: Queryable,
  clinicId: string,
  id: string,
): Promise<ExportRow | undefined> {
  const { rows } = await db.query<ExportRow>('SELECT * FROM fhir_exports WHERE clinic_id = $1 AND id = $2', [
    clinicId,
    id,
  ]);
  return rows[0];
}

/** Moves a queued export to running, taking the snapshot time; undefined when it is no longer queued. */
export async function startExport(
  db: Queryable,
  clinicId: string,
  id: string,
  transactionTime: Date,
): Promise<ExportRow | undefined> {
  const { rows } = await db.query<ExportRow>(
    `UPDATE fhir_exports SET status = 'running', transaction_time = $3, progress = 'started'
      WHERE clinic_id = $1 AND id = $2 AND status IN ('queued', 'running') RETURNING *`,
    [clinicId, id, transactionTime],
  );
  return rows[0];
}

/** Records progress; false when the export was cancelled meanwhile (the job then stops). */
export async function reportProgress(
  db: Queryable,
  clinicId: string,
  id: string,
  progress: string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE fhir_exports SET progress = $3 WHERE clinic_id = $1 AND id = $2 AND status = 'running'`,
    [clinicId, id, progress],
  );
  return rowCount === 1;
}

export async function finishExport(
  db: Queryable,
  clinicId: string,
  id: string,
  result: { status: 'completed'; output: ExportFile[] } | { status: 'failed'; error: string },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE fhir_exports SET status = $3, output = $4, error = $5, progress = $3, completed_at = now()
      WHERE clinic_id = $1 AND id = $2 AND status = 'running'`,
    [
      clinicId,
      id,
      result.status,
      JSON.stringify(result.status === 'completed' ? result.output : []),
      result.status === 'failed' ? result.error : null,
    ],
  );
  return rowCount === 1;
}

export async function cancelExport(db: Queryable, clinicId: string, id: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE fhir_exports SET status = 'cancelled', completed_at = now()
      WHERE clinic_id = $1 AND id = $2 AND status <> 'cancelled'`,
    [clinicId, id],
  );
  return rowCount === 1;
}
