import type { AdverseEventDto } from '@needlepoint/core/contracts/adverse-events';
import type { OutcomeScoreDto } from '@needlepoint/core/contracts/outcomes';
import { outcomeScaleSystem, toFhirObservation } from '@needlepoint/core/fhir/outcome-observation';
import {
  needlepointSystems,
  toFhirAdverseEvent,
  toFhirProcedure,
  type ProcedureContext,
  type ProcedureRecord,
} from '@needlepoint/core/fhir/treatment-to-fhir';
import type { FhirResource } from '@needlepoint/core/fhir/record-to-fhir';
import {
  dateSql,
  entryColumns,
  entryResource,
  entrySource,
  idSql,
  iso,
  patientSql,
  statusSql,
  type Row,
  type Source,
} from './fhir-sql.repo';

/**
 * What the clinic charts itself, served next to what was imported: treatment records are Procedures beside the
 * imported procedures, outcome scores are Observations beside the imported observations, and adverse events are
 * AdverseEvents. Each union keeps the entry columns, so the entries' search parameters apply to both halves; the
 * `charted` column carries what the clinic's own rows are made of (null for an imported entry).
 */

/** An instant as JSON text the way the API writes it everywhere (`2026-12-03T09:00:00.000Z`). */
const isoText = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const importedEntries = (kind: 'procedure' | 'observation') =>
  `SELECT e.clinic_id, ${entryColumns}, NULL::jsonb AS charted FROM patient_entries e WHERE e.kind = '${kind}'`;

/** A signed record is a completed procedure; a draft is one in progress. */
const treatmentRecords = `SELECT r.clinic_id, r.id, r.patient_id, 'procedure'::text AS kind, NULL::text AS source_ref,
    jsonb_build_array(jsonb_build_object('system', '${needlepointSystems.procedure}',
      'code', CASE r.modality WHEN 'rf' THEN 'rf-microneedling' ELSE 'microneedling' END)) AS codes,
    'Microneedling'::text AS display,
    CASE r.status WHEN 'signed' THEN 'completed' ELSE 'in-progress' END AS status,
    (a.starts_at AT TIME ZONE c.time_zone)::date AS start_date, NULL::date AS end_date, NULL::text AS value,
    '{}'::text[] AS body_sites, r.updated_at,
    jsonb_build_object(
      'id', r.id, 'status', r.status, 'modality', r.modality, 'patientId', r.patient_id,
      'patientName', p.given_name || ' ' || p.family_name, 'planId', r.plan_id,
      'appointmentStart', ${isoText('a.starts_at')}, 'providerId', r.provider_id, 'providerName', u.name,
      'draft', r.draft,
      'addenda', (SELECT coalesce(jsonb_agg(jsonb_build_object('id', ad.id, 'text', ad.text, 'signedBy', ad.signed_by,
          'signedByName', su.name, 'signedAt', ${isoText('ad.signed_at')}) ORDER BY ad.signed_at), '[]'::jsonb)
        FROM treatment_record_addenda ad JOIN users su ON su.id = ad.signed_by
        WHERE ad.clinic_id = r.clinic_id AND ad.record_id = r.id),
      'device', (SELECT jsonb_build_object('id', d.id, 'name', d.name, 'serialNumber', d.serial_number)
        FROM devices d WHERE d.clinic_id = r.clinic_id AND d.id::text = r.draft->>'deviceId')
    ) AS charted
  FROM treatment_records r
  JOIN appointments a ON a.clinic_id = r.clinic_id AND a.id = r.appointment_id
  JOIN patients p ON p.clinic_id = r.clinic_id AND p.id = r.patient_id
  JOIN users u ON u.clinic_id = r.clinic_id AND u.id = r.provider_id
  JOIN clinics c ON c.id = r.clinic_id`;

const outcomeScores = `SELECT s.clinic_id, s.id, s.patient_id, 'observation'::text AS kind, NULL::text AS source_ref,
    jsonb_build_array(jsonb_build_object('system', '${outcomeScaleSystem}', 'code', s.scale_id)) AS codes,
    s.scale_id AS display, 'final'::text AS status,
    (s.scored_at AT TIME ZONE c.time_zone)::date AS start_date, NULL::date AS end_date, NULL::text AS value,
    '{}'::text[] AS body_sites, s.created_at AS updated_at,
    jsonb_build_object(
      'id', s.id, 'planId', s.plan_id, 'patientId', s.patient_id, 'scaleId', s.scale_id,
      'scaleVersion', s.scale_version, 'scoredBy', s.scored_by, 'direction', s.direction, 'timepoint', s.timepoint,
      'sessionNumber', s.session_number, 'appointmentId', s.appointment_id, 'values', s.item_values,
      'total', s.total, 'band', s.band, 'parts', s.parts, 'notes', s.notes, 'recordedByName', u.name,
      'scoredAt', ${isoText('s.scored_at')}
    ) AS charted
  FROM outcome_scores s
  JOIN users u ON u.clinic_id = s.clinic_id AND u.id = s.recorded_by
  JOIN clinics c ON c.id = s.clinic_id`;

/** The mapped resource with `meta.lastUpdated` from the row, right after its id (as every served resource has). */
function withMeta(resource: object, row: Row): FhirResource {
  const { resourceType, id, ...rest } = resource as FhirResource;
  return { resourceType, id, meta: { lastUpdated: iso(row.updated_at) }, ...rest };
}

function procedureResource(row: Row): FhirResource {
  if (!row.charted) return entryResource(row);
  const charted = row.charted as ProcedureRecord & { device: ProcedureContext['device'] };
  return withMeta(toFhirProcedure(charted, { device: charted.device }), row);
}

function observationResource(row: Row): FhirResource {
  if (!row.charted) return entryResource(row);
  return withMeta(toFhirObservation(row.charted as OutcomeScoreDto), row);
}

const adverseEventSelect = `SELECT e.id, e.clinic_id, e.patient_id, e.type, e.seriousness, e.created_at, e.updated_at,
    jsonb_build_object(
      'id', e.id, 'patientId', e.patient_id, 'patientName', p.given_name || ' ' || p.family_name,
      'treatmentRecordId', e.treatment_record_id, 'checkInId', e.check_in_id, 'type', e.type, 'description', e.description,
      'onsetOn', e.onset_on, 'serious', cardinality(e.seriousness) > 0, 'seriousness', e.seriousness,
      'deviceId', e.device_id, 'deviceName', d.name, 'lots', e.lots, 'actions', e.actions, 'outcome', e.outcome,
      'followUps', e.follow_ups, 'reportedBy', u.name, 'createdAt', ${isoText('e.created_at')}, 'version', e.version
    ) AS charted
  FROM adverse_events e
  JOIN patients p ON p.clinic_id = e.clinic_id AND p.id = e.patient_id
  JOIN users u ON u.clinic_id = e.clinic_id AND u.id = e.reported_by
  LEFT JOIN devices d ON d.clinic_id = e.clinic_id AND d.id = e.device_id`;

export const careSources = {
  Procedure: {
    ...entrySource('procedure', null, 'date', 'status'),
    select: `SELECT * FROM (${importedEntries('procedure')} UNION ALL ${treatmentRecords}) e`,
    toResource: procedureResource,
  },
  Observation: {
    ...entrySource('observation', null, 'date', 'status'),
    select: `SELECT * FROM (${importedEntries('observation')} UNION ALL ${outcomeScores}) e`,
    toResource: observationResource,
  },
  AdverseEvent: {
    select: adverseEventSelect,
    base: (q, clinicId) => [`e.clinic_id = ${q.add(clinicId)}`],
    id: 'e.id',
    patient: 'e.patient_id',
    lastUpdated: 'e.updated_at',
    params: {
      _id: idSql('e.id'),
      _lastUpdated: dateSql('e.updated_at', 'instant'),
      subject: patientSql('e.patient_id'),
      event: statusSql('e.type'),
      seriousness: (q, f) => {
        if (f.type !== 'token') return 'false';
        const codes = f.values.map((v) => v.code);
        const parts = [
          ...(codes.includes('serious') ? ['cardinality(e.seriousness) > 0'] : []),
          ...(codes.includes('non-serious') ? ['cardinality(e.seriousness) = 0'] : []),
        ];
        return parts.length ? `(${parts.join(' OR ')})` : 'false';
      },
      date: dateSql('e.created_at', 'instant'),
    },
    toResource: (row) => withMeta(toFhirAdverseEvent(row.charted as AdverseEventDto), row),
  },
} satisfies Record<'Procedure' | 'Observation' | 'AdverseEvent', Source>;
