import { chainHash, genesisHash, type ChainedFields } from '../../server/src/platform/audit';
import type { GeneratedPatient } from './patient-rows';
import { weightedTable, type Random } from './random';

export const auditColumns = [
  'clinic_id',
  'seq',
  'occurred_at',
  'actor_user_id',
  'actor_role',
  'action',
  'entity_type',
  'entity_id',
  'patient_id',
  'ip',
  'request_id',
  'details',
  'prev_hash',
  'hash',
] as const;

/** What staff do all day, as the audit log records it (reads dominate). */
const actions = weightedTable<[string, string, boolean]>([
  [['patient.read', 'patient', true], 45],
  [['patient.searched', 'patient', false], 15],
  [['booking.created', 'appointment', true], 8],
  [['booking.status-changed', 'appointment', true], 8],
  [['screening.run', 'screening', true], 8],
  [['auth.signed-in', 'user', false], 10],
  [['fhir.read', 'Patient', true], 4],
  [['treatment-record.signed', 'treatment-record', true], 2],
]);

export interface Staff {
  id: string;
  role: string;
}

/**
 * `count` audit events of one clinic, in time order over the window, each chained to the one before with the
 * server's own `chainHash` (so `GET /api/audit/verify` finds the chain intact). Hashing is the generator's main
 * cost: about 2 µs an event on one core.
 */
export function* auditRows(
  random: Random,
  clinicId: string,
  staff: readonly Staff[],
  patients: readonly GeneratedPatient[],
  count: number,
  window: { start: number; end: number },
): Generator<unknown[]> {
  let prev = genesisHash;
  const step = (window.end - window.start) / Math.max(1, count);
  for (let i = 0; i < count; i++) {
    const [action, entityType, aboutPatient] = random.weighted(actions);
    const actor = random.pick(staff);
    const patient = aboutPatient && patients.length > 0 ? random.pick(patients) : null;
    const fields: ChainedFields = {
      clinicId,
      seq: i + 1,
      occurredAt: new Date(Math.floor(window.start + i * step + random.next() * step * 0.9)).toISOString(),
      actorUserId: actor.id,
      actorRole: actor.role,
      action,
      entityType,
      entityId: patient ? patient.id : null,
      patientId: patient ? patient.id : null,
      ip: `10.${random.below(256)}.${random.below(256)}.${1 + random.below(254)}`,
      requestId: random
        .below(2 ** 32)
        .toString(16)
        .padStart(8, '0'),
      details: action === 'patient.searched' ? { q: patient?.familyName ?? 'smi' } : {},
    };
    const hash = chainHash(prev, fields);
    yield [
      clinicId,
      fields.seq,
      fields.occurredAt,
      fields.actorUserId,
      fields.actorRole,
      action,
      entityType,
      fields.entityId,
      fields.patientId,
      fields.ip,
      fields.requestId,
      JSON.stringify(fields.details),
      prev,
      hash,
    ];
    prev = hash;
  }
}
