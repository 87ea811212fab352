import type { PlanTemplate } from '@needlepoint/core/plans/template.schema';
import type { TreatmentPlan } from '@needlepoint/core/plans/plan';
import type { Queryable } from '../../db/database';
import type { ReadPart } from '../../db/read-together';
import type { AppointmentStatus } from '@needlepoint/core/scheduling/visit';

export async function clinicTemplates(db: Queryable, clinicId: string): Promise<PlanTemplate[]> {
  return (
    await db.query<{ template: PlanTemplate }>(
      'SELECT template FROM plan_templates WHERE clinic_id = $1 ORDER BY id',
      [clinicId],
    )
  ).rows.map((r) => r.template);
}

export async function upsertTemplate(
  db: Queryable,
  clinicId: string,
  template: PlanTemplate,
  userId: string,
): Promise<void> {
  await db.query(
    `INSERT INTO plan_templates (clinic_id, id, template, updated_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (clinic_id, id) DO UPDATE SET template = EXCLUDED.template, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [clinicId, template.id, JSON.stringify(template), userId],
  );
}

export async function insertPlan(
  db: Queryable,
  clinicId: string,
  plan: TreatmentPlan,
  userId: string,
): Promise<void> {
  await db.query(
    'INSERT INTO treatment_plans (id, clinic_id, patient_id, status, plan, created_by) VALUES ($1, $2, $3, $4, $5, $6)',
    [plan.id, clinicId, plan.patientId, plan.status, JSON.stringify(plan), userId],
  );
}

export async function savePlan(db: Queryable, clinicId: string, plan: TreatmentPlan): Promise<void> {
  await db.query(
    'UPDATE treatment_plans SET status = $3, plan = $4, updated_at = now() WHERE clinic_id = $1 AND id = $2',
    [clinicId, plan.id, plan.status, JSON.stringify(plan)],
  );
}

/** `findPlan` as a part of another use case's one-statement read (`readTogether`). */
export function planPart(clinicId: string, id: string, lock = false): ReadPart<TreatmentPlan | undefined> {
  return {
    sql: `SELECT plan FROM treatment_plans WHERE clinic_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
    params: [clinicId, id],
    decode: (value) => (value ?? undefined) as TreatmentPlan | undefined,
  };
}

export async function findPlan(
  db: Queryable,
  clinicId: string,
  id: string,
  lock = false,
): Promise<TreatmentPlan | undefined> {
  const { rows } = await db.query<{ plan: TreatmentPlan }>(
    `SELECT plan FROM treatment_plans WHERE clinic_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
    [clinicId, id],
  );
  return rows[0]?.plan;
}

/** A patient's plans, newest first, as a part of a one-statement read (`readTogether`). */
export function patientPlansPart(clinicId: string, patientId: string): ReadPart<TreatmentPlan[]> {
  return {
    sql: `SELECT COALESCE(json_agg(plan ORDER BY created_at DESC), '[]') FROM treatment_plans
           WHERE clinic_id = $1 AND patient_id = $2`,
    params: [clinicId, patientId],
    decode: (value) => value as TreatmentPlan[],
  };
}

export async function listPlans(
  db: Queryable,
  clinicId: string,
  filter: { patientId?: string | undefined; status?: string | undefined },
): Promise<TreatmentPlan[]> {
  const { rows } = await db.query<{ plan: TreatmentPlan }>(
    `SELECT plan FROM treatment_plans WHERE clinic_id = $1 AND ($2::uuid IS NULL OR patient_id = $2) AND ($3::text IS NULL OR status = $3)
      ORDER BY created_at DESC`,
    [clinicId, filter.patientId ?? null, filter.status ?? null],
  );
  return rows.map((r) => r.plan);
}

export interface PlanSessionRow {
  id: string;
  plan_id: string;
  session_number: number | null;
  starts_at: Date;
  status: AppointmentStatus;
}

export async function planSessions(
  db: Queryable,
  clinicId: string,
  planIds: string[],
): Promise<PlanSessionRow[]> {
  return (
    await db.query<PlanSessionRow>(
      'SELECT id, plan_id, session_number, starts_at, status FROM appointments WHERE clinic_id = $1 AND plan_id = ANY($2) ORDER BY starts_at',
      [clinicId, planIds],
    )
  ).rows;
}
