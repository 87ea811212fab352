import type { AdverseEventDto } from '../contracts/adverse-events';
import type { TreatmentRecordDto } from '../contracts/treatment-records';
import { adverseEventTypeInfo } from '../treatment/adverse-events';

/**
 * The treatment record as a FHIR R4 Procedure and an adverse event as a FHIR R4 AdverseEvent (plain JSON, pure).
 * Consumables (cartridge lots) are contained Devices referenced from `focalDevice`; products used are `usedCode`;
 * charted zones are `bodySite`.
 */

type Json = Record<string, unknown>;

export const needlepointSystems = {
  procedure: 'urn:needlepoint:procedure',
  zone: 'urn:needlepoint:treatment-zone',
  product: 'urn:needlepoint:product',
  adverseEventType: 'urn:needlepoint:adverse-event-type',
  gtin: 'https://www.gs1.org/gtin',
} as const;

const zoneLabels: Record<string, string> = {
  forehead: 'Forehead',
  periorbital: 'Periorbital region',
  nose: 'Nose',
  perioral: 'Perioral region',
  cheeks: 'Cheeks',
  'chin-jaw': 'Chin and jaw',
  neck: 'Neck',
  chest: 'Chest',
  hands: 'Hands',
  scalp: 'Scalp',
  body: 'Body',
};

export interface ProcedureContext {
  device: { id: string; name: string; serialNumber: string | null } | null;
}

/** What a Procedure is made of: the record's identity, who and when, and the charted draft with its addenda. */
export type ProcedureRecord = Pick<
  TreatmentRecordDto,
  | 'id'
  | 'status'
  | 'modality'
  | 'patientId'
  | 'patientName'
  | 'planId'
  | 'appointmentStart'
  | 'providerId'
  | 'providerName'
  | 'draft'
  | 'addenda'
>;

export function toFhirProcedure(record: ProcedureRecord, context: ProcedureContext): Json {
  const d = record.draft;
  const contained: Json[] = d.consumables.map((c, i) => ({
    resourceType: 'Device',
    id: `consumable-${i}`,
    ...(c.gtin
      ? { udiCarrier: [{ deviceIdentifier: c.gtin, issuer: 'http://hl7.org/fhir/NamingSystem/gs1-di' }] }
      : {}),
    lotNumber: c.lot,
    expirationDate: c.expiry,
    ...(c.serial ? { serialNumber: c.serial } : {}),
    deviceName: [{ name: c.productName, type: 'user-friendly-name' }],
  }));
  const focalDevice: Json[] = [];
  if (context.device) {
    focalDevice.push({
      action: { text: 'used' },
      manipulated: {
        reference: `Device/${context.device.id}`,
        display: `${context.device.name}${context.device.serialNumber ? ` (serial ${context.device.serialNumber})` : ''}${d.handpieceSerial ? `, handpiece ${d.handpieceSerial}` : ''}`,
      },
    });
  }
  d.consumables.forEach((c, i) =>
    focalDevice.push({
      action: { text: 'used' },
      manipulated: { reference: `#consumable-${i}`, display: `${c.productName} lot ${c.lot}` },
    }),
  );
  const usedCode: Json[] = [
    ...d.consumables.map((c) => ({
      ...(c.gtin ? { coding: [{ system: needlepointSystems.gtin, code: c.gtin }] } : {}),
      text: `${c.productName}${c.needleCount ? ` (${c.needleCount} needles)` : ''}`,
    })),
    ...(d.numbing
      ? [
          {
            coding: [{ system: needlepointSystems.product, code: d.numbing.product }],
            text: `${d.numbing.productName || d.numbing.product} ${d.numbing.concentration}`.trim(),
          },
        ]
      : []),
    ...d.topicals.map((t) => ({
      coding: [{ system: needlepointSystems.product, code: t.productId }],
      text: `${t.productName || t.productId} (${t.role}${t.lot ? `, lot ${t.lot}` : ''})`,
    })),
  ];
  const notes = [
    ...d.zones.map((z) => ({
      text: `${zoneLabels[z.zone] ?? z.zone}: ${z.depthMm} mm${z.depthConfirmed ? ' (outside plan range, confirmed)' : ''}, ${z.passes ?? '?'} passes${z.technique ? `, ${z.technique}` : ''}${z.endpoint ? `, endpoint ${z.endpoint}` : ''}${z.notes ? `. ${z.notes}` : ''}`,
    })),
    ...record.addenda.map((a) => ({
      time: a.signedAt,
      authorString: a.signedByName,
      text: `Addendum: ${a.text}`,
    })),
  ];
  return {
    resourceType: 'Procedure',
    id: record.id,
    ...(contained.length > 0 ? { contained } : {}),
    status: record.status === 'signed' ? 'completed' : 'in-progress',
    code: {
      coding: [
        {
          system: needlepointSystems.procedure,
          code: record.modality === 'rf' ? 'rf-microneedling' : 'microneedling',
          display: record.modality === 'rf' ? 'Radiofrequency microneedling' : 'Microneedling',
        },
      ],
      text:
        record.modality === 'rf'
          ? 'Radiofrequency microneedling'
          : 'Microneedling (percutaneous collagen induction)',
    },
    subject: { reference: `Patient/${record.patientId}`, display: record.patientName },
    ...(record.planId ? { basedOn: [{ reference: `CarePlan/${record.planId}` }] } : {}),
    performedDateTime: record.appointmentStart,
    performer: [{ actor: { reference: `Practitioner/${record.providerId}`, display: record.providerName } }],
    ...(d.zones.length > 0
      ? {
          bodySite: d.zones.map((z) => ({
            coding: [
              { system: needlepointSystems.zone, code: z.zone, display: zoneLabels[z.zone] ?? z.zone },
            ],
            text: zoneLabels[z.zone] ?? z.zone,
          })),
        }
      : {}),
    ...(focalDevice.length > 0 ? { focalDevice } : {}),
    ...(usedCode.length > 0 ? { usedCode } : {}),
    ...(notes.length > 0 ? { note: notes } : {}),
  };
}

const outcomeCodes: Record<AdverseEventDto['outcome'], { code: string; display: string }> = {
  recovering: { code: 'recovering', display: 'Recovering' },
  recovered: { code: 'resolved', display: 'Resolved' },
  'recovered-with-sequelae': { code: 'resolvedWithSequelae', display: 'Resolved with Sequelae' },
  'not-recovered': { code: 'ongoing', display: 'Ongoing' },
  fatal: { code: 'fatal', display: 'Fatal' },
  unknown: { code: 'unknown', display: 'Unknown' },
};

export function toFhirAdverseEvent(event: AdverseEventDto): Json {
  const contained = event.lots.map((lot, i) => ({ resourceType: 'Device', id: `lot-${i}`, lotNumber: lot }));
  const suspectEntity: Json[] = [
    ...(event.treatmentRecordId ? [{ instance: { reference: `Procedure/${event.treatmentRecordId}` } }] : []),
    ...(event.deviceId
      ? [{ instance: { reference: `Device/${event.deviceId}`, display: event.deviceName ?? undefined } }]
      : []),
    ...event.lots.map((lot, i) => ({ instance: { reference: `#lot-${i}`, display: `Lot ${lot}` } })),
  ];
  const outcome = outcomeCodes[event.outcome];
  return {
    resourceType: 'AdverseEvent',
    id: event.id,
    ...(contained.length > 0 ? { contained } : {}),
    actuality: 'actual',
    event: {
      coding: [
        {
          system: needlepointSystems.adverseEventType,
          code: event.type,
          display: adverseEventTypeInfo[event.type].label,
        },
      ],
      text: event.description
        ? `${adverseEventTypeInfo[event.type].label}: ${event.description}`
        : adverseEventTypeInfo[event.type].label,
    },
    subject: { reference: `Patient/${event.patientId}`, display: event.patientName },
    date: event.createdAt,
    detected: event.onsetOn,
    recordedDate: event.createdAt,
    seriousness: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/adverse-event-seriousness',
          code: event.serious ? 'serious' : 'non-serious',
          display: event.serious ? 'Serious' : 'Non-serious',
        },
      ],
    },
    outcome: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/adverse-event-outcome',
          code: outcome.code,
          display: outcome.display,
        },
      ],
    },
    recorder: { display: event.reportedBy },
    ...(suspectEntity.length > 0 ? { suspectEntity } : {}),
  };
}
