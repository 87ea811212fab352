import type {
  OutcomeReportDto,
  OutcomeScoreDto,
  OutcomeSettingsDto,
  OwnOutcomesDto,
  PlanOutcomesDto,
  RecordOwnScoreRequest,
  RecordScoreRequest,
} from '@needlepoint/core/contracts/outcomes';
import { DomainError } from '@needlepoint/core/errors';
import type { TreatmentPlan } from '@needlepoint/core/plans/plan';
import type { TemplateScale } from '@needlepoint/core/plans/template.schema';
import { planTemplates } from '@needlepoint/core/plans/templates';
import {
  outcomeReportCsv,
  summarizeOutcomes,
  type PlanScaleScores,
  type Timepoint,
} from '@needlepoint/core/outcomes/report';
import { OutcomeSettings, type Scorer } from '@needlepoint/core/outcomes/scale.schema';
import { scales, scoreScale } from '@needlepoint/core/outcomes/scales';
import { defaultOutcomeSettings } from '@needlepoint/core/outcomes/settings';
import type { Database, Queryable } from '../../db/database';
import { recordAudit, type Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { planOf, plansOfPatient, templatesOf } from '../plans/plans.service';
import * as repo from './outcomes.repo';
import { currentScaleTexts } from './scale-texts.service';

export interface OutcomeDeps {
  db: Database;
  clock: Clock;
}

async function settingsOf(
  db: Queryable,
  clinicId: string,
): Promise<{ settings: OutcomeSettings; version: number }> {
  return (await repo.clinicSettings(db, clinicId)) ?? { settings: defaultOutcomeSettings, version: 0 };
}

/** The scales a plan scores: its template's (the clinic's copy if edited), else the built-in one of its indication. */
async function scalesOfPlan(db: Queryable, clinicId: string, plan: TreatmentPlan): Promise<TemplateScale[]> {
  const template = (await templatesOf(db, clinicId)).find((t) => t.id === plan.templateId);
  return (
    template?.scales ??
    planTemplates.find((t) => t.id === plan.templateId || t.indication === plan.indication)?.scales ??
    []
  );
}

async function planInClinic(db: Queryable, clinicId: string, planId: string): Promise<TreatmentPlan> {
  const plan = await planOf(db, clinicId, planId);
  if (!plan) throw new DomainError('NOT_FOUND', 'No such plan in this clinic');
  return plan;
}

interface ScoreInput {
  scaleId: RecordScoreRequest['scaleId'];
  timepoint: Timepoint;
  sessionNumber: number | null;
  appointmentId: string | null;
  values: Record<string, unknown>;
}

/** Checks a score against the plan, its scales and the scale definition, scores it and stores it. */
async function storeScore(
  db: Queryable,
  deps: OutcomeDeps,
  actor: Actor,
  plan: TreatmentPlan,
  scorer: Scorer,
  input: ScoreInput,
): Promise<OutcomeScoreDto> {
  const scale = scales[input.scaleId];
  const planScales = await scalesOfPlan(db, actor.clinicId, plan);
  if (!planScales.some((s) => s.scale === input.scaleId))
    throw new DomainError(
      'OUTCOME_SCALE_NOT_IN_PLAN',
      `${scale.name} is not one of this plan's scales (${planScales.map((s) => scales[s.scale].shortName).join(', ') || 'none'})`,
    );
  if (scale.scoredBy !== scorer)
    throw new DomainError(
      'OUTCOME_WRONG_SCORER',
      scale.scoredBy === 'patient'
        ? `${scale.name} is scored by the patient, in the portal`
        : `${scale.name} is scored by the provider`,
    );
  if (input.sessionNumber !== null && input.sessionNumber > plan.sessions)
    throw new DomainError('OUTCOME_SESSION_NOT_IN_PLAN', `The plan has ${plan.sessions} sessions`, {
      fields: [{ path: 'body.sessionNumber', message: `Must be between 1 and ${plan.sessions}` }],
    });
  if (input.appointmentId) {
    const appointment = await repo.findAppointment(db, actor.clinicId, input.appointmentId);
    if (!appointment || appointment.patient_id !== plan.patientId || appointment.plan_id !== plan.id)
      throw new DomainError('OUTCOME_APPOINTMENT_MISMATCH', 'That appointment is not a session of this plan');
    if (
      input.timepoint === 'session' &&
      appointment.session_number !== null &&
      appointment.session_number !== input.sessionNumber
    )
      throw new DomainError(
        'OUTCOME_APPOINTMENT_MISMATCH',
        `That appointment is session ${appointment.session_number}, not session ${input.sessionNumber}`,
      );
  }
  const { settings, version } = await settingsOf(db, actor.clinicId);
  const result = scoreScale(scale, input.values, settings);
  if (!result.ok) {
    const fields = result.issues.map((i) => ({
      path: ['body', 'values', ...(i.item ? [i.item] : [])].join('.'),
      message: i.message,
    }));
    throw new DomainError('VALIDATION_FAILED', fields.map((f) => f.message).join('; '), { fields });
  }
  const score = await repo.insertScore(db, actor.clinicId, {
    patientId: plan.patientId,
    planId: plan.id,
    appointmentId: input.appointmentId,
    scaleId: scale.id,
    scaleVersion: scale.version,
    scoredBy: scale.scoredBy,
    direction: scale.direction,
    timepoint: input.timepoint,
    sessionNumber: input.sessionNumber,
    values: result.values,
    total: result.score.total,
    band: result.score.band,
    parts: result.score.parts,
    notes: result.score.notes,
    settingsVersion: version,
    recordedBy: actor.userId,
    scoredAt: deps.clock.now().toISOString(),
  });
  await recordAudit(db, actor, {
    action: 'outcome.recorded',
    entityType: 'outcome-score',
    entityId: score.id,
    patientId: plan.patientId,
    details: { planId: plan.id, scaleId: scale.id, timepoint: input.timepoint, total: score.total },
  });
  return score;
}

/** The provider scores a scale on a plan (baseline, a session, or follow-up). */
export async function recordScore(
  deps: OutcomeDeps,
  actor: Actor,
  planId: string,
  input: RecordScoreRequest,
): Promise<OutcomeScoreDto> {
  return deps.db.transaction(async (client) => {
    const plan = await planInClinic(client, actor.clinicId, planId);
    return storeScore(client, deps, actor, plan, 'provider', {
      scaleId: input.scaleId,
      timepoint: input.timepoint,
      sessionNumber: input.sessionNumber ?? null,
      appointmentId: input.appointmentId ?? null,
      values: input.values,
    });
  });
}

export async function planOutcomes(
  deps: OutcomeDeps,
  actor: Actor,
  planId: string,
): Promise<PlanOutcomesDto> {
  return deps.db.transaction(async (client) => {
    const plan = await planInClinic(client, actor.clinicId, planId);
    const planScales = await scalesOfPlan(client, actor.clinicId, plan);
    const scores = await repo.scoresOfPlans(client, actor.clinicId, [plan.id]);
    await recordAudit(client, actor, {
      action: 'outcome.viewed',
      entityType: 'plan',
      entityId: plan.id,
      patientId: plan.patientId,
    });
    return {
      planId: plan.id,
      scales: planScales.map((s) => ({
        scaleId: s.scale,
        scoredBy: scales[s.scale].scoredBy,
        sources: [...s.sources],
      })),
      scores,
      settings: (await settingsOf(client, actor.clinicId)).settings,
    };
  });
}

/** Where a patient's score goes now: baseline before any session, follow-up once the series is done. */
function nextTimepoint(
  plan: TreatmentPlan,
  completed: number,
): { timepoint: Timepoint; sessionNumber: number | null } {
  if (completed === 0) return { timepoint: 'baseline', sessionNumber: null };
  if (completed >= plan.sessions || plan.status === 'completed')
    return { timepoint: 'follow-up', sessionNumber: null };
  return { timepoint: 'session', sessionNumber: completed };
}

const visible = (plan: TreatmentPlan) => plan.status !== 'draft' && plan.status !== 'cancelled';

export async function ownOutcomes(
  deps: OutcomeDeps,
  actor: Actor,
  patientId: string,
): Promise<OwnOutcomesDto> {
  return deps.db.transaction(async (client) => {
    const plans = (await plansOfPatient(client, actor.clinicId, patientId)).filter(visible);
    const scores = await repo.scoresOfPlans(
      client,
      actor.clinicId,
      plans.map((p) => p.id),
    );
    const result: OwnOutcomesDto['plans'] = [];
    for (const plan of plans) {
      const mine = (await scalesOfPlan(client, actor.clinicId, plan))
        .map((s) => s.scale)
        .filter((id) => scales[id].scoredBy === 'patient');
      const next = nextTimepoint(plan, await repo.completedSessions(client, actor.clinicId, plan.id));
      result.push({
        planId: plan.id,
        name: plan.name,
        indication: plan.indication,
        scales: mine,
        nextTimepoint: next.timepoint,
        nextSessionNumber: next.sessionNumber,
        scores: scores.filter((s) => s.planId === plan.id && s.scoredBy === 'patient'),
      });
    }
    const validatedTexts = (await currentScaleTexts(client, actor.clinicId)).map(
      ({ scaleId, language, version, texts }) => ({ scaleId, language, version, texts }),
    );
    await recordAudit(client, actor, { action: 'outcome.viewed', entityType: 'patient', patientId });
    return { plans: result, validatedTexts };
  });
}

/** The patient scores their own (GAIS subject, POSAS patient, satisfaction) on one of their active plans. */
export async function recordOwnScore(
  deps: OutcomeDeps,
  actor: Actor,
  patientId: string,
  input: RecordOwnScoreRequest,
): Promise<OutcomeScoreDto> {
  return deps.db.transaction(async (client) => {
    const plan = await planOf(client, actor.clinicId, input.planId);
    if (!plan || plan.patientId !== patientId || !visible(plan))
      throw new DomainError('NOT_FOUND', 'No such plan for you');
    const next = nextTimepoint(plan, await repo.completedSessions(client, actor.clinicId, plan.id));
    return storeScore(client, deps, actor, plan, 'patient', {
      scaleId: input.scaleId,
      timepoint: next.timepoint,
      sessionNumber: next.sessionNumber,
      appointmentId: null,
      values: input.values,
    });
  });
}

export async function outcomeSettings(deps: OutcomeDeps, actor: Actor): Promise<OutcomeSettingsDto> {
  const { settings, version } = await settingsOf(deps.db.pool, actor.clinicId);
  return { settings, version, defaults: defaultOutcomeSettings };
}

export async function saveOutcomeSettings(
  deps: OutcomeDeps,
  actor: Actor,
  body: unknown,
): Promise<OutcomeSettingsDto> {
  const parsed = OutcomeSettings.safeParse(body);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => ({
      path: ['body', ...i.path].join('.'),
      message: i.message,
    }));
    throw new DomainError('VALIDATION_FAILED', `${fields[0]!.path}: ${fields[0]!.message}`, { fields });
  }
  return deps.db.transaction(async (client) => {
    const version = await repo.saveSettings(client, actor.clinicId, parsed.data, actor.userId);
    await recordAudit(client, actor, {
      action: 'outcome.settings-saved',
      entityType: 'clinic',
      entityId: actor.clinicId,
      details: { version },
    });
    return { settings: parsed.data, version, defaults: defaultOutcomeSettings };
  });
}

/** Improvement by indication, Fitzpatrick type, adjunct and provider, over the clinic's plans. */
export async function outcomeReport(deps: OutcomeDeps, actor: Actor): Promise<OutcomeReportDto> {
  return deps.db.transaction(async (client) => {
    const rows = await repo.reportScores(client, actor.clinicId);
    const byPlanScale = new Map<string, PlanScaleScores>();
    for (const r of rows) {
      const key = `${r.plan_id}/${r.scale_id}`;
      const entry = byPlanScale.get(key) ?? {
        planId: r.plan_id,
        scaleId: r.scale_id,
        indication: r.indication,
        fitzpatrick: r.fitzpatrick,
        adjuncts: r.adjuncts,
        provider: r.provider,
        scores: [],
      };
      entry.scores.push({ timepoint: r.timepoint, scoredAt: r.scored_at.toISOString(), total: r.total });
      byPlanScale.set(key, entry);
    }
    await recordAudit(client, actor, {
      action: 'outcome.report-viewed',
      entityType: 'clinic',
      entityId: actor.clinicId,
    });
    return { rows: summarizeOutcomes([...byPlanScale.values()]) };
  });
}

export async function outcomeReportAsCsv(deps: OutcomeDeps, actor: Actor): Promise<string> {
  return outcomeReportCsv((await outcomeReport(deps, actor)).rows);
}
