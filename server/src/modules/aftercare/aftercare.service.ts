import type { Locale } from '@needlepoint/core/i18n/locale';
import { serverCatalogs, translator, type MessageKey, type Translator } from '../../i18n/translate';
import { CheckIn } from '@needlepoint/core/aftercare/check-in';
import {
  buildTimeline,
  resolveTimelineSettings,
  type TimelineSettings,
} from '@needlepoint/core/aftercare/timeline';
import { triageCheckIn } from '@needlepoint/core/aftercare/triage';
import { urgencyRank } from '@needlepoint/core/aftercare/triage.schema';
import type {
  AftercareAlert,
  CheckInActionRequest,
  CheckInDto,
  PortalAftercare,
  PortalTimeline,
  SubmitCheckInRequest,
  TriageQueue,
  TriageQueueQuery,
} from '@needlepoint/core/contracts/aftercare';
import { DomainError } from '@needlepoint/core/errors';
import { daysBetween, localDate } from '@needlepoint/core/scheduling/time-zone';
import type { Database, Queryable } from '../../db/database';
import { mapPart, type ReadPart } from '../../db/read-together';
import { recordAudit, type Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { enqueueJob } from '../../platform/jobs';
import { aftercareJobs } from './aftercare-jobs';
import { queueUrgentMessages } from './aftercare-messages.service';
import { clinicTimeZone } from '../clinic/clinic.service';
import * as repo from './aftercare.repo';

export interface AftercareDeps {
  db: Database;
  clock: Clock;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A check-in up to this long before a prompt is due answers it (a patient checking in the morning of day 1). */
const EARLY_ANSWER_MS = 12 * HOUR;

export function toCheckInDto(row: repo.CheckInRow): CheckInDto {
  return {
    id: row.id,
    patientId: row.patient_id,
    appointmentId: row.appointment_id,
    treatmentStartsAt: row.treatment_starts_at.toISOString(),
    service: row.service,
    daysSinceTreatment: row.days_since_treatment,
    answers: row.answers,
    triage: row.triage,
    submittedAt: row.submitted_at.toISOString(),
    reviewStatus: row.review_status,
    actions: row.actions,
  };
}

/**
 * When a session is completed (inside that use case's transaction): one check-in prompt per configured day after
 * the session, each a durable job that asks the patient when it is due.
 */
export async function scheduleCheckInPrompts(
  client: Queryable,
  clinicId: string,
  t: { appointmentId: string; patientId: string; startsAt: Date },
): Promise<number> {
  const settings = await repo.findSettings(client, clinicId);
  const prompts = settings.prompt_days.map((day) => ({
    day,
    dueAt: new Date(t.startsAt.getTime() + day * DAY),
  }));
  const rows = await repo.insertPrompts(client, clinicId, t, prompts);
  for (const row of rows) {
    await enqueueJob(
      client,
      aftercareJobs.checkInPrompt,
      { clinicId, promptId: row.id },
      { runAt: row.due_at, jobKey: `aftercare-prompt:${row.id}` },
    );
  }
  return rows.length;
}

async function daysSince(client: Queryable, clinicId: string, startsAt: Date, now: Date): Promise<number> {
  const timeZone = await clinicTimeZone(client, clinicId);
  return Math.max(
    0,
    daysBetween(localDate(startsAt.getTime(), timeZone), localDate(now.getTime(), timeZone)),
  );
}

/**
 * The patient checks in: triaged at once and stored with the rules version; it answers any due prompt; an
 * `emergency` or `same-day` result alerts the on-call provider (in the app now, by email through a job).
 */
export async function submitCheckIn(
  deps: AftercareDeps,
  actor: Actor,
  patientId: string,
  input: SubmitCheckInRequest,
): Promise<CheckInDto> {
  const { appointmentId, ...answers } = input;
  return deps.db.transaction(async (client) => {
    const treatment = await repo.findTreatment(client, actor.clinicId, patientId, appointmentId);
    if (!treatment)
      throw new DomainError(
        'AFTERCARE_NO_TREATMENT',
        appointmentId
          ? 'That session is not one of your completed treatments'
          : 'There is no completed treatment to check in about yet',
      );
    const now = deps.clock.now();
    const day = await daysSince(client, actor.clinicId, treatment.starts_at, now);
    const triage = triageCheckIn(CheckIn.parse({ ...answers, daysSinceTreatment: day }));
    const id = await repo.insertCheckIn(client, actor.clinicId, {
      patientId,
      appointmentId: treatment.id,
      day,
      answers,
      triage,
      urgencyRank: urgencyRank(triage.urgency),
      submittedBy: actor.userId,
      at: now,
    });
    await repo.answerPrompts(
      client,
      actor.clinicId,
      treatment.id,
      id,
      new Date(now.getTime() + EARLY_ANSWER_MS),
    );
    let alerted: string[] = [];
    if (triage.urgency === 'emergency' || triage.urgency === 'same-day') {
      const settings = await repo.findSettings(client, actor.clinicId);
      const onCall =
        settings.on_call_provider_id &&
        (await repo.isActiveProvider(client, actor.clinicId, settings.on_call_provider_id))
          ? settings.on_call_provider_id
          : treatment.provider_id;
      alerted = [onCall];
      await repo.insertAlerts(client, actor.clinicId, id, alerted, now);
      await queueUrgentMessages(client, actor.clinicId, id, now);
    }
    await recordAudit(client, actor, {
      action: 'aftercare.check-in-submitted',
      entityType: 'aftercare-check-in',
      entityId: id,
      patientId,
      details: {
        appointmentId: treatment.id,
        day,
        urgency: triage.urgency,
        rulesVersion: triage.rulesVersion,
        alerted,
      },
    });
    return toCheckInDto((await repo.findCheckIn(client, actor.clinicId, id))!);
  });
}

/** The portal's view: the latest treated session, a due prompt, and the patient's own check-ins. */
export async function portalAftercare(
  deps: AftercareDeps,
  actor: Actor,
  patientId: string,
): Promise<PortalAftercare> {
  return deps.db.transaction(async (client) => {
    const now = deps.clock.now();
    const treatment = await repo.findTreatment(client, actor.clinicId, patientId);
    const due = await repo.duePrompt(client, actor.clinicId, patientId, now);
    const checkIns = await repo.patientCheckIns(client, actor.clinicId, patientId, 20);
    await recordAudit(client, actor, {
      action: 'aftercare.check-ins-viewed',
      entityType: 'aftercare-check-in',
      patientId,
      details: { count: checkIns.length },
    });
    return {
      treatment: treatment
        ? {
            appointmentId: treatment.id,
            startsAt: treatment.starts_at.toISOString(),
            service: treatment.service,
            daysSinceTreatment: await daysSince(client, actor.clinicId, treatment.starts_at, now),
          }
        : null,
      due: due
        ? {
            id: due.id,
            appointmentId: due.appointment_id,
            day: due.day,
            dueAt: due.due_at.toISOString(),
            status: due.status === 'answered' ? 'answered' : 'sent',
          }
        : null,
      checkIns: checkIns.map(toCheckInDto),
    };
  });
}

/** The staff triage queue: most urgent first, then oldest; each with the session's history; missed prompts. */
export async function triageQueue(
  deps: AftercareDeps,
  actor: Actor,
  query: TriageQueueQuery,
): Promise<TriageQueue> {
  return deps.db.transaction(async (client) => {
    const settings = await repo.findSettings(client, actor.clinicId);
    const rows = await repo.queueCheckIns(client, actor.clinicId, query.status === 'open', query.limit);
    const patientIds = [...new Set(rows.map((r) => r.patient_id))];
    const history = new Map<string, repo.CheckInRow[]>();
    for (const patientId of patientIds)
      history.set(patientId, await repo.patientCheckIns(client, actor.clinicId, patientId, 20));
    const missed = await repo.missedPrompts(
      client,
      actor.clinicId,
      deps.clock.now(),
      settings.missed_after_hours,
    );
    await recordAudit(client, actor, {
      action: 'aftercare.queue-viewed',
      entityType: 'aftercare-check-in',
      details: {
        status: query.status,
        count: rows.length,
        patientIds: [...new Set([...patientIds, ...missed.map((m) => m.patient_id)])],
      },
    });
    return {
      timeZone: await clinicTimeZone(client, actor.clinicId),
      items: rows.map((row) => ({
        checkIn: toCheckInDto(row),
        patientName: row.patient_name,
        history: (history.get(row.patient_id) ?? [])
          .filter((h) => h.id !== row.id && h.appointment_id === row.appointment_id)
          .map((h) => ({
            id: h.id,
            submittedAt: h.submitted_at.toISOString(),
            daysSinceTreatment: h.days_since_treatment,
            urgency: h.triage.urgency,
          })),
      })),
      missed: missed.map((m) => ({
        promptId: m.id,
        patientId: m.patient_id,
        patientName: m.patient_name,
        appointmentId: m.appointment_id,
        treatmentStartsAt: m.treatment_starts_at.toISOString(),
        day: m.day,
        dueAt: m.due_at.toISOString(),
      })),
    };
  });
}

/** A provider records what was done: reviewed, or contacted the patient (with a note). */
export async function actOnCheckIn(
  deps: AftercareDeps,
  actor: Actor,
  id: string,
  input: CheckInActionRequest,
): Promise<CheckInDto> {
  return deps.db.transaction(async (client) => {
    const row = await repo.lockCheckIn(client, actor.clinicId, id);
    if (!row) throw new DomainError('AFTERCARE_CHECKIN_NOT_FOUND', 'Check-in not found');
    await repo.addAction(client, actor.clinicId, {
      checkInId: id,
      action: input.action,
      note: input.note,
      userId: actor.userId,
      at: deps.clock.now(),
    });
    await recordAudit(client, actor, {
      action: `aftercare.check-in-${input.action}`,
      entityType: 'aftercare-check-in',
      entityId: id,
      patientId: row.patient_id,
      details: { urgency: row.urgency, note: input.note },
    });
    return toCheckInDto((await repo.findCheckIn(client, actor.clinicId, id))!);
  });
}

export async function listAlerts(deps: AftercareDeps, actor: Actor): Promise<AftercareAlert[]> {
  const rows = await repo.userAlerts(deps.db.pool, actor.clinicId, actor.userId);
  return rows.map((r) => ({
    id: r.id,
    checkInId: r.check_in_id,
    patientId: r.patient_id,
    patientName: r.patient_name,
    urgency: r.urgency,
    title: r.triage.reasons[0]?.title ?? r.urgency,
    createdAt: r.created_at.toISOString(),
    acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
  }));
}

export async function acknowledgeAlert(deps: AftercareDeps, actor: Actor, id: string): Promise<void> {
  await deps.db.transaction(async (client) => {
    const row = await repo.acknowledgeAlert(client, actor.clinicId, actor.userId, id, deps.clock.now());
    if (!row) throw new DomainError('AFTERCARE_ALERT_NOT_FOUND', 'Alert not found');
    await recordAudit(client, actor, {
      action: 'aftercare.alert-acknowledged',
      entityType: 'aftercare-check-in',
      entityId: row.check_in_id,
      patientId: row.patient_id,
    });
  });
}

/** Each step's title and words in the patient's language (the same words as the step's message). */
function inLanguage<Step extends { key: string; title: string; detail: string }>(
  steps: Step[],
  { t }: Translator,
): Step[] {
  return steps.map((step) => {
    const title = `messages.timeline.${step.key}.title`;
    const detail = `messages.timeline.${step.key}.detail`;
    if (!Object.hasOwn(serverCatalogs.en, title) || !Object.hasOwn(serverCatalogs.en, detail)) return step;
    return { ...step, title: t(title as MessageKey), detail: t(detail as MessageKey) };
  });
}

/**
 * The patient's preparation and aftercare timeline, built when read from their next booked session (else the
 * latest completed one): a moved session moves it, a cancelled one takes it away.
 */
export async function portalTimeline(
  deps: AftercareDeps,
  actor: Actor,
  patientId: string,
  locale: Locale = 'en',
): Promise<PortalTimeline> {
  return deps.db.transaction(async (client) => {
    const now = deps.clock.now();
    const timeZone = await clinicTimeZone(client, actor.clinicId);
    const session = await repo.timelineSession(client, actor.clinicId, patientId, now);
    const settings = await repo.findSettings(client, actor.clinicId);
    await recordAudit(client, actor, {
      action: 'aftercare.timeline-viewed',
      entityType: 'booking',
      entityId: session?.id ?? null,
      patientId,
    });
    return {
      session: session
        ? { appointmentId: session.id, startsAt: session.starts_at.toISOString(), status: session.status }
        : null,
      today: localDate(now.getTime(), timeZone),
      steps: session
        ? inLanguage(
            buildTimeline(
              localDate(session.starts_at.getTime(), timeZone),
              resolveTimelineSettings(settings.timeline),
            ),
            translator(locale, timeZone),
          )
        : [],
    };
  });
}

/**
 * The clinic's preparation and aftercare timeline settings, as a part of another use case's one-statement read
 * (`readTogether`): booking schedules each step of a session (`timelineOfSession`) as a message.
 */
export function timelineSettingsPart(clinicId: string): ReadPart<TimelineSettings> {
  return mapPart(repo.settingsPart(clinicId), (settings) => resolveTimelineSettings(settings.timeline));
}

/** The steps of a session at `startsAt` on its calendar date in `timeZone`, with settings the caller loaded. */
export function timelineOfSession(
  startsAt: Date,
  timeZone: string,
  settings: TimelineSettings,
): ReturnType<typeof buildTimeline> {
  return buildTimeline(localDate(startsAt.getTime(), timeZone), settings);
}
