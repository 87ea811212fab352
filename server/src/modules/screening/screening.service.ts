import type {
  DecisionRequest,
  RunScreeningRequest,
  Screening,
  ScreeningQueue,
  ScreeningQueueQuery,
} from '@needlepoint/core/contracts/screening';
import { DomainError } from '@needlepoint/core/errors';
import { clinicalKnowledge } from '@needlepoint/core/knowledge/knowledge';
import { findingOpen, screeningCleared } from '@needlepoint/core/screening/clearance';
import { evaluate } from '@needlepoint/core/screening/evaluate';
import { recordToFacts } from '@needlepoint/core/screening/record-to-facts';
import type { PatientRecord } from '@needlepoint/core/contracts/patients';
import type { Database, Queryable } from '../../db/database';
import { mapPart, readTogether, type ReadPart } from '../../db/read-together';
import type { ScreeningSettings } from '@needlepoint/core/knowledge/settings';
import { recordAudit, type Actor, type AnyActor, type AuditInput } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { loadRecord, readPatientPart } from '../patients/patients.service';
import { settingsIn } from './screening-settings.service';
import { clinicTimeZonePart } from '../clinic/clinic.service';
import * as repo from './screening.repo';

export interface ScreeningDeps {
  db: Database;
  clock: Clock;
}

function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

function toDto(row: repo.ScreeningRow, decisions: Map<string, repo.DecisionRow>): Screening {
  const findings = row.findings.map((f) => {
    const d = decisions.get(f.ruleId);
    const decision = d
      ? {
          id: d.id,
          screeningId: d.screening_id,
          ruleId: d.rule_id,
          findingCode: d.finding_code,
          decision: d.decision,
          reason: d.reason,
          until: d.until,
          decidedBy: d.decided_by,
          decidedByName: d.decided_by_name,
          decidedAt: d.decided_at.toISOString(),
        }
      : null;
    return {
      ...f,
      evidence: f.evidence as unknown as Record<string, unknown>[],
      decision,
      open: findingOpen(f.severity, d?.decision ?? null),
    };
  });
  return {
    id: row.id,
    patientId: row.patient_id,
    appointmentId: row.appointment_id,
    trigger: row.trigger,
    asOf: row.as_of,
    areas: row.areas,
    modality: row.modality,
    verdict: row.verdict,
    cleared: screeningCleared(
      row.findings.map((f) => ({
        severity: f.severity,
        decision: decisions.get(f.ruleId)?.decision ?? null,
      })),
    ),
    findings,
    knowledgeVersion: row.knowledge_version,
    settingsVersion: row.settings_version,
    recordVersion: row.record_version,
    changes: row.changes,
    runBy: row.run_by,
    runByName: row.run_by_name,
    createdAt: row.created_at.toISOString(),
  };
}

/** What `storeScreening` starts from: the clinic's settings, the patient's latest screening and decisions. */
export type ScreeningStart = repo.ScreeningStart;

/** The reads a screening starts from, as a part of another use case's one-statement read (`readTogether`). */
export function screeningStartPart(clinicId: string, patientId: string): ReadPart<ScreeningStart> {
  return repo.screeningStartPart(clinicId, patientId);
}

/**
 * Evaluates the knowledge base on `record` with the clinic's current settings and stores the result with both their
 * versions and what changed since the last run. Returns what the caller goes on with and the audit event for it to
 * record (with its own, in one statement).
 */
export async function storeScreening(
  client: Queryable,
  actor: AnyActor,
  start: ScreeningStart,
  s: {
    record: PatientRecord;
    asOf: string;
    areas: RunScreeningRequest['areas'];
    modality: RunScreeningRequest['modality'];
    trigger: Screening['trigger'];
    appointmentId: string | null;
  },
): Promise<{
  id: string;
  verdict: Screening['verdict'];
  cleared: boolean;
  settings: ScreeningSettings;
  audit: AuditInput;
}> {
  const { version: settingsVersion, settings } = settingsIn(start.settings);
  const result = evaluate(recordToFacts(s.record), clinicalKnowledge, settings, s.asOf, {
    areas: s.areas,
    modality: s.modality,
  });
  const { previous } = start;
  const codesOf = (findings: { ruleId: string }[]) => new Set(findings.map((f) => f.ruleId));
  const changes = previous
    ? {
        previousId: previous.id,
        previousVerdict: previous.verdict,
        previousAt: previous.created_at.toISOString(),
        added: [...codesOf(result.findings)].filter((r) => !codesOf(previous.findings).has(r)),
        resolved: [...codesOf(previous.findings)].filter((r) => !codesOf(result.findings).has(r)),
      }
    : null;
  const id = await repo.insertScreening(client, {
    clinicId: actor.clinicId,
    patientId: s.record.id,
    appointmentId: s.appointmentId,
    trigger: s.trigger,
    asOf: s.asOf,
    areas: s.areas,
    modality: s.modality,
    verdict: result.verdict,
    findings: result.findings,
    knowledgeVersion: result.knowledgeVersion,
    settingsVersion,
    settings,
    recordVersion: s.record.version,
    changes,
    runBy: actor.userId,
  });
  const cleared = screeningCleared(
    result.findings.map((f) => ({
      severity: f.severity,
      decision: start.decisions.get(f.ruleId)?.decision ?? null,
    })),
  );
  return {
    id,
    verdict: result.verdict,
    cleared,
    settings,
    audit: {
      action: 'screening.run',
      entityType: 'screening',
      entityId: id,
      patientId: s.record.id,
      details: {
        verdict: result.verdict,
        trigger: s.trigger,
        knowledgeVersion: result.knowledgeVersion,
        settingsVersion,
      },
    },
  };
}

/**
 * Screens a patient's current record in one transaction: evaluates the knowledge base with the clinic's
 * current settings, stores the result with both their versions, and notes what changed since the last run.
 */
export async function screenPatient(
  client: Queryable,
  clock: Clock,
  actor: AnyActor,
  patientId: string,
  input: RunScreeningRequest,
  context: {
    trigger: Screening['trigger'];
    appointmentId?: string | null;
    /** The record when the caller loaded it in this transaction already. */
    record?: PatientRecord;
  },
): Promise<Screening> {
  const record = context.record ?? (await loadRecord(client, actor.clinicId, patientId));
  const { timeZone, start } = await readTogether(client, {
    timeZone: clinicTimeZonePart(actor.clinicId),
    start: repo.screeningStartPart(actor.clinicId, patientId),
  });
  const stored = await storeScreening(client, actor, start, {
    record,
    asOf: input.asOf ?? localDate(clock.now(), timeZone),
    areas: input.areas,
    modality: input.modality,
    trigger: context.trigger,
    appointmentId: context.appointmentId ?? null,
  });
  await recordAudit(client, actor, stored.audit);
  const row = await repo.findScreening(client, actor.clinicId, stored.id);
  return toDto(row!, start.decisions);
}

export async function runScreening(
  deps: ScreeningDeps,
  actor: Actor,
  patientId: string,
  input: RunScreeningRequest,
): Promise<Screening> {
  return deps.db.transaction((client) =>
    screenPatient(client, deps.clock, actor, patientId, input, { trigger: 'manual' }),
  );
}

export async function listPatientScreenings(
  deps: ScreeningDeps,
  actor: Actor,
  patientId: string,
): Promise<Screening[]> {
  return readPatientPart(deps.db, actor, patientId, { action: 'screening.viewed' }, async (client) => {
    const rows = await repo.listScreenings(client, actor.clinicId, patientId);
    const decisions = await repo.latestDecisions(client, actor.clinicId, patientId);
    return rows.map((r) => toDto(r, decisions));
  });
}

/** Records a provider's decision on one finding of a screening; it shows on this and later screenings. */
export async function decideOnFinding(
  deps: ScreeningDeps,
  actor: Actor,
  screeningId: string,
  input: DecisionRequest,
): Promise<Screening> {
  return deps.db.transaction(async (client) => {
    const row = await repo.findScreening(client, actor.clinicId, screeningId);
    if (!row) throw new DomainError('NOT_FOUND', 'No such screening in this clinic');
    const finding = row.findings.find((f) => f.ruleId === input.ruleId);
    if (!finding) {
      throw new DomainError('SCREENING_FINDING_NOT_FOUND', 'This screening has no finding from that rule', {
        fields: [{ path: 'body.ruleId', message: 'Not a finding of this screening' }],
      });
    }
    if (
      finding.severity === 'contraindicated' &&
      (input.decision === 'accept-risk' || input.decision === 'clearance-received')
    ) {
      throw new DomainError(
        'SCREENING_DECISION_NOT_ALLOWED',
        'A contraindication cannot be overridden; defer or record a clearance request instead',
        {
          fields: [{ path: 'body.decision', message: 'Not allowed for a contraindication' }],
        },
      );
    }
    const decisionId = await repo.insertDecision(client, {
      clinicId: actor.clinicId,
      patientId: row.patient_id,
      screeningId,
      ruleId: input.ruleId,
      findingCode: finding.code,
      decision: input.decision,
      reason: input.reason,
      until: input.until ?? null,
      decidedBy: actor.userId,
    });
    await recordAudit(client, actor, {
      action: 'screening.decision',
      entityType: 'screening',
      entityId: screeningId,
      patientId: row.patient_id,
      details: {
        decisionId,
        ruleId: input.ruleId,
        code: finding.code,
        decision: input.decision,
        reason: input.reason,
        until: input.until ?? null,
      },
    });
    return toDto(row, await repo.latestDecisions(client, actor.clinicId, row.patient_id));
  });
}

/**
 * Patients whose latest screening still has open findings, newest first, a page at a time: the page reads `limit`
 * flagged screenings and keeps each patient's latest whose findings are not all decided, so it can hold fewer items
 * than `limit` (even none) and still have a `next`.
 */
export async function screeningQueue(
  deps: ScreeningDeps,
  actor: Actor,
  query: ScreeningQueueQuery,
): Promise<ScreeningQueue> {
  return deps.db.transaction(async (client) => {
    const limit = query.limit ?? 50;
    const rows = await repo.flaggedScreeningsPage(client, actor.clinicId, {
      after: query.after ?? null,
      limit,
    });
    const withFindings = rows.filter((r) => r.latest && !r.archived);
    const decisions = await repo.latestDecisionsOf(
      client,
      actor.clinicId,
      withFindings.map((r) => r.patient_id),
    );
    const items: ScreeningQueue['items'] = [];
    for (const row of withFindings) {
      const screening = toDto(row, decisions.get(row.patient_id) ?? new Map<string, repo.DecisionRow>());
      if (!screening.cleared)
        items.push({
          patientId: row.patient_id,
          patientName: row.patient_name,
          birthDate: row.birth_date,
          screening,
        });
    }
    await recordAudit(client, actor, {
      action: 'screening.queue-viewed',
      entityType: 'screening',
      details: { patients: items.length, ...(query.after ? { after: query.after } : {}) },
    });
    return { items, next: rows.length === limit ? rows.at(-1)!.id : null };
  });
}

/** One screening with the patient's current decisions (no audit: for use inside other use cases). */
export async function screeningById(client: Queryable, clinicId: string, id: string): Promise<Screening> {
  const row = await repo.findScreening(client, clinicId, id);
  if (!row) throw new DomainError('NOT_FOUND', 'No such screening in this clinic');
  return toDto(row, await repo.latestDecisions(client, clinicId, row.patient_id));
}

/** The patient's latest screening: cleared or not, and its verdict; null when they were never screened. */
export async function latestScreeningState(
  client: Queryable,
  clinicId: string,
  patientId: string,
): Promise<{ cleared: boolean; verdict: Screening['verdict'] } | null> {
  return (await readTogether(client, { state: latestScreeningStatePart(clinicId, patientId) })).state;
}

/** `latestScreeningState` as a part of another use case's one-statement read (`readTogether`). */
export function latestScreeningStatePart(
  clinicId: string,
  patientId: string,
): ReadPart<{ cleared: boolean; verdict: Screening['verdict'] } | null> {
  return mapPart(repo.screeningStartPart(clinicId, patientId), ({ previous, decisions }) =>
    previous
      ? {
          cleared: screeningCleared(
            previous.findings.map((f) => ({
              severity: f.severity,
              decision: decisions.get(f.ruleId)?.decision ?? null,
            })),
          ),
          verdict: previous.verdict,
        }
      : null,
  );
}
