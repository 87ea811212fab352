import type { OutcomeScoreDto } from '../contracts/outcomes';
import type { ScaleId } from '../outcomes/scale.schema';
import { scales } from '../outcomes/scales';

/**
 * An outcome score as a FHIR R4 Observation (pure). The scale is coded in LOINC where a code exists and always in
 * the local code system; each item is a component; the band is the interpretation; the scale version and direction
 * travel as extensions so a score read the other way round (GAIS 0–4) is never mixed in.
 */

export const outcomeScaleSystem = 'urn:needlepoint:outcome-scale';
export const outcomeBandSystem = 'urn:needlepoint:outcome-band';
export const timepointExtension = 'urn:needlepoint:fhir:outcome-timepoint';
export const scaleVersionExtension = 'urn:needlepoint:fhir:outcome-scale-version';
export const directionExtension = 'urn:needlepoint:fhir:outcome-direction';

export interface LoincCoding {
  code: string;
  display: string;
}

/**
 * LOINC codes for the scales, added only once checked against the LOINC table. None of these dermatology scales
 * had a confirmed code when this was written, so every scale travels in the local code system for now.
 */
export const outcomeLoincCodes: Partial<Record<ScaleId, LoincCoding>> = {};

interface Coding {
  system: string;
  code: string;
  display?: string;
}

export interface FhirObservation {
  resourceType: 'Observation';
  id: string;
  status: 'final';
  category: { coding: Coding[] }[];
  code: { coding: Coding[]; text: string };
  subject: { reference: string };
  basedOn: { reference: string }[];
  effectiveDateTime: string;
  performer: ({ reference: string } | { display: string })[];
  valueQuantity: { value: number; unit: string; system: string; code: string };
  interpretation?: { coding: Coding[]; text: string }[];
  component: { code: { coding: Coding[]; text: string }; valueQuantity: { value: number } }[];
  extension: ({ url: string; valueString: string } | { url: string; valueInteger: number })[];
  method: { text: string };
}

/** UCUM for the total: a unitless score is `{score}`; percentages and densities keep their unit. */
function ucum(unit: string | undefined): { unit: string; code: string } {
  if (unit === '% scalp hair loss') return { unit, code: '%' };
  if (unit === 'hairs/cm²') return { unit, code: '/cm2' };
  return { unit: 'score', code: '{score}' };
}

export function toFhirObservation(
  score: OutcomeScoreDto,
  loinc: Partial<Record<ScaleId, LoincCoding>> = outcomeLoincCodes,
): FhirObservation {
  const scale = scales[score.scaleId];
  const loincCoding = loinc[score.scaleId];
  const itemLabels = new Map(scale.items.map((i) => [i.id, i.group ? `${i.group}: ${i.label}` : i.label]));
  return {
    resourceType: 'Observation',
    id: score.id,
    status: 'final',
    category: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/observation-category',
            code: score.scoredBy === 'patient' ? 'survey' : 'exam',
          },
        ],
      },
    ],
    code: {
      coding: [
        ...(loincCoding ? [{ system: 'http://loinc.org', ...loincCoding }] : []),
        { system: outcomeScaleSystem, code: scale.id, display: scale.name },
      ],
      text: scale.name,
    },
    subject: { reference: `Patient/${score.patientId}` },
    basedOn: [{ reference: `CarePlan/${score.planId}` }],
    effectiveDateTime: score.scoredAt,
    performer: [
      score.scoredBy === 'patient'
        ? { reference: `Patient/${score.patientId}` }
        : { display: score.recordedByName },
    ],
    valueQuantity: { value: score.total, system: 'http://unitsofmeasure.org', ...ucum(scale.unit) },
    ...(score.band
      ? {
          interpretation: [
            {
              coding: [{ system: outcomeBandSystem, code: score.band.id, display: score.band.label }],
              text: score.band.label,
            },
          ],
        }
      : {}),
    component: Object.entries(score.values).map(([item, value]) => ({
      code: {
        coding: [{ system: `${outcomeScaleSystem}:${scale.id}`, code: item }],
        text: itemLabels.get(item) ?? item,
      },
      valueQuantity: { value },
    })),
    extension: [
      { url: timepointExtension, valueString: score.timepoint },
      ...(score.sessionNumber !== null
        ? [{ url: `${timepointExtension}-session`, valueInteger: score.sessionNumber }]
        : []),
      { url: scaleVersionExtension, valueString: score.scaleVersion },
      { url: directionExtension, valueString: score.direction },
    ],
    method: { text: score.scaleVersion },
  };
}
