import { randomUUID } from 'node:crypto';
import type {
  CreatePlanRequest,
  PlanDto,
  PlanListQuery,
  PlanTemplatesResponse,
  TransitionPlanRequest,
  UpdatePlanRequest,
} from '@needlepoint/core/contracts/plans';
import { DomainError } from '@needlepoint/core/errors';
import {
  adjustPlan,
  checkDepth,
  createPlanFromTemplate,
  planProgress,
  planServiceTypeId,
  transitionPlan,
  type TreatmentPlan,
} from '@needlepoint/core/plans/plan';
import { planSources } from '@needlepoint/core/plans/sources';
import { PlanTemplate, type Zone } from '@needlepoint/core/plans/template.schema';
import { planTemplates } from '@needlepoint/core/plans/templates';
import type { Database, Queryable } from '../../db/database';
import type { ReadPart } from '../../db/read-together';
import { recordAudit, type Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { loadRecord } from '../patients/patients.service';
import { serviceTypeById } from '../scheduling/resources.service';
import { clinicTimeZone } from '../clinic/clinic.service';
import * as repo from './plans.repo';

export interface PlanDeps {
  db: Database;
  clock: Clock;
}

/** Built-in templates with the clinic's edited copies in their place. */
export async function templatesOf(
  db: Queryable,
  clinicId: string,
): Promise<(PlanTemplate & { builtIn: boolean })[]> {
  const edited = new Map((await repo.clinicTemplates(db, clinicId)).map((t) => [t.id, t]));
  const builtIn = planTemplates.map((t) =>
    edited.has(t.id) ? { ...edited.get(t.id)!, builtIn: false } : { ...t, builtIn: true },
  );
  const own = [...edited.values()]
    .filter((t) => !planTemplates.some((b) => b.id === t.id))
    .map((t) => ({ ...t, builtIn: false }));
  return [...builtIn, ...own];
}

async function templateById(db: Queryable, clinicId: string, id: string): Promise<PlanTemplate> {
  const template = (await templatesOf(db, clinicId)).find((t) => t.id === id);
  if (!template)
    throw new DomainError('PLAN_TEMPLATE_NOT_FOUND', 'No such plan template in this clinic', {
      fields: [{ path: 'body.templateId', message: 'Unknown template' }],
    });
  return template;
}

export async function listTemplates(deps: PlanDeps, actor: Actor): Promise<PlanTemplatesResponse> {
  return { templates: await templatesOf(deps.db.pool, actor.clinicId), sources: planSources };
}

/** Saves the clinic's edited copy of a template (same id replaces the built-in for this clinic). */
export async function saveTemplate(
  deps: PlanDeps,
  actor: Actor,
  id: string,
  body: unknown,
): Promise<PlanTemplate & { builtIn: boolean }> {
  const parsed = PlanTemplate.safeParse({ ...(body as object), id });
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => ({
      path: ['body', ...i.path].join('.'),
      message: i.message,
    }));
    throw new DomainError('VALIDATION_FAILED', `${fields[0]!.path}: ${fields[0]!.message}`, { fields });
  }
  await deps.db.transaction(async (client) => {
    await repo.upsertTemplate(client, actor.clinicId, parsed.data, actor.userId);
    await recordAudit(client, actor, {
      action: 'plan.template-saved',
      entityType: 'plan-template',
      entityId: id,
    });
  });
  return { ...parsed.data, builtIn: false };
}

/** A plan with its sessions and progress computed in the clinic's time zone. */
async function withProgress(
  db: Queryable,
  clinicId: string,
  clock: Clock,
  plans: TreatmentPlan[],
): Promise<PlanDto[]> {
  if (plans.length === 0) return [];
  const timeZone = await clinicTimeZone(db, clinicId);
  const sessions = await repo.planSessions(
    db,
    clinicId,
    plans.map((p) => p.id),
  );
  return plans.map((plan) => {
    const mine = sessions.filter((s) => s.plan_id === plan.id);
    return {
      ...plan,
      serviceTypeId: planServiceTypeId(plan),
      progress: planProgress(
        plan,
        mine.map((s) => ({ startsAt: s.starts_at.toISOString(), status: s.status })),
        clock.now().toISOString(),
        timeZone,
      ),
      planSessions: mine.map((s) => ({
        bookingId: s.id,
        sessionNumber: s.session_number,
        startsAt: s.starts_at.toISOString(),
        status: s.status,
      })),
    };
  });
}

export async function createPlan(deps: PlanDeps, actor: Actor, input: CreatePlanRequest): Promise<PlanDto> {
  return deps.db.transaction(async (client) => {
    await loadRecord(client, actor.clinicId, input.patientId);
    const template = await templateById(client, actor.clinicId, input.templateId);
    const serviceTypeId = input.adjustments?.serviceTypeId;
    if (serviceTypeId) await checkPlanSessionService(client, actor.clinicId, serviceTypeId);
    const plan = createPlanFromTemplate(template, {
      id: randomUUID(),
      patientId: input.patientId,
      at: deps.clock.now().toISOString(),
      ...(input.adjustments ? { adjustments: input.adjustments } : {}),
    });
    await repo.insertPlan(client, actor.clinicId, plan, actor.userId);
    await recordAudit(client, actor, {
      action: 'plan.created',
      entityType: 'plan',
      entityId: plan.id,
      patientId: plan.patientId,
      details: { templateId: template.id },
    });
    return (await withProgress(client, actor.clinicId, deps.clock, [plan]))[0]!;
  });
}

/** The patient's plan in this clinic, for a use case that refers to it; refused as `path` when it is not theirs. */
export async function planOfPatient(
  client: Queryable,
  clinicId: string,
  patientId: string,
  planId: string,
  path = 'body.planId',
): Promise<TreatmentPlan> {
  const plan = await repo.findPlan(client, clinicId, planId);
  if (!plan || plan.patientId !== patientId) {
    throw new DomainError('NOT_FOUND', 'No such plan for this patient', {
      fields: [{ path, message: 'Unknown plan for this patient' }],
    });
  }
  return plan;
}

/** A plan's sessions must be booked as a service that counts as a plan session. */
async function checkPlanSessionService(
  db: Queryable,
  clinicId: string,
  serviceTypeId: string,
): Promise<void> {
  const service = await serviceTypeById(db, clinicId, serviceTypeId);
  if (!service.isPlanSession) {
    throw new DomainError('PLAN_ADJUSTMENT_INVALID', 'The plan adjustments are not valid', {
      fields: [{ path: 'body.serviceTypeId', message: `${service.name} is not a treatment session` }],
    });
  }
}

async function lockedPlan(client: Queryable, clinicId: string, id: string): Promise<TreatmentPlan> {
  const plan = await repo.findPlan(client, clinicId, id, true);
  if (!plan) throw new DomainError('NOT_FOUND', 'No such plan in this clinic');
  return plan;
}

export async function updatePlan(
  deps: PlanDeps,
  actor: Actor,
  id: string,
  input: UpdatePlanRequest,
): Promise<PlanDto> {
  return deps.db.transaction(async (client) => {
    const plan = await lockedPlan(client, actor.clinicId, id);
    const template = await templateById(client, actor.clinicId, plan.templateId);
    if (input.serviceTypeId) await checkPlanSessionService(client, actor.clinicId, input.serviceTypeId);
    const next = adjustPlan(plan, template, input, deps.clock.now().toISOString());
    await repo.savePlan(client, actor.clinicId, next);
    await recordAudit(client, actor, {
      action: 'plan.adjusted',
      entityType: 'plan',
      entityId: id,
      patientId: plan.patientId,
      details: { ...input },
    });
    return (await withProgress(client, actor.clinicId, deps.clock, [next]))[0]!;
  });
}

export async function transition(
  deps: PlanDeps,
  actor: Actor,
  id: string,
  input: TransitionPlanRequest,
): Promise<PlanDto> {
  return deps.db.transaction(async (client) => {
    const plan = await lockedPlan(client, actor.clinicId, id);
    const next = transitionPlan(plan, input.to, input.reason, deps.clock.now().toISOString());
    await repo.savePlan(client, actor.clinicId, next);
    await recordAudit(client, actor, {
      action: 'plan.transition',
      entityType: 'plan',
      entityId: id,
      patientId: plan.patientId,
      details: { from: plan.status, to: next.status, reason: input.reason ?? null },
    });
    return (await withProgress(client, actor.clinicId, deps.clock, [next]))[0]!;
  });
}

export async function getPlan(deps: PlanDeps, actor: Actor, id: string): Promise<PlanDto> {
  return deps.db.transaction(async (client) => {
    const plan = await repo.findPlan(client, actor.clinicId, id);
    if (!plan) throw new DomainError('NOT_FOUND', 'No such plan in this clinic');
    await recordAudit(client, actor, {
      action: 'plan.viewed',
      entityType: 'plan',
      entityId: id,
      patientId: plan.patientId,
    });
    return (await withProgress(client, actor.clinicId, deps.clock, [plan]))[0]!;
  });
}

export async function listPlans(
  deps: PlanDeps,
  actor: Actor,
  query: PlanListQuery & { patientId?: string },
): Promise<PlanDto[]> {
  return deps.db.transaction(async (client) => {
    const plans = await repo.listPlans(client, actor.clinicId, {
      patientId: query.patientId,
      status: query.status,
    });
    const dtos = await withProgress(client, actor.clinicId, deps.clock, plans);
    await recordAudit(client, actor, {
      action: 'plan.listed',
      entityType: 'plan',
      ...(query.patientId ? { patientId: query.patientId } : {}),
    });
    return query.dueBefore
      ? dtos.filter((p) => p.progress?.nextDue && p.progress.nextDue.typical <= query.dueBefore!)
      : dtos;
  });
}

export async function depthCheck(deps: PlanDeps, actor: Actor, id: string, zone: Zone, depthMm: number) {
  const plan = await repo.findPlan(deps.db.pool, actor.clinicId, id);
  if (!plan) throw new DomainError('NOT_FOUND', 'No such plan in this clinic');
  const result = checkDepth(plan, zone, depthMm);
  return { ...result, range: 'range' in result ? (result.range ?? null) : null };
}

/**
 * A plan of the clinic, inside the caller's transaction (for modules that hang data from plans); `forUpdate`
 * locks it until the transaction ends (booking a session moves the plan on).
 */
export async function planOf(
  db: Queryable,
  clinicId: string,
  id: string,
  forUpdate = false,
): Promise<TreatmentPlan | undefined> {
  return repo.findPlan(db, clinicId, id, forUpdate);
}

/** `planOf` as a part of another use case's one-statement read (`readTogether`). */
export function planPart(
  clinicId: string,
  id: string,
  forUpdate = false,
): ReadPart<TreatmentPlan | undefined> {
  return repo.planPart(clinicId, id, forUpdate);
}

/** Stores a plan the caller moved on (a booked or completed session), inside the caller's transaction. */
export async function storePlan(db: Queryable, clinicId: string, plan: TreatmentPlan): Promise<void> {
  await repo.savePlan(db, clinicId, plan);
}

/** `plansOfPatient` as a part of another use case's one-statement read (`readTogether`). */
export function plansOfPatientPart(clinicId: string, patientId: string): ReadPart<TreatmentPlan[]> {
  return repo.patientPlansPart(clinicId, patientId);
}

/** A patient's plans, newest first, inside the caller's transaction. */
export async function plansOfPatient(
  db: Queryable,
  clinicId: string,
  patientId: string,
): Promise<TreatmentPlan[]> {
  return repo.listPlans(db, clinicId, { patientId });
}
