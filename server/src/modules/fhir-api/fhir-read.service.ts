import { DomainError } from '@needlepoint/core/errors';
import {
  isServedType,
  parseSearch,
  searchQueryString,
  servedTypes,
  type ServedType,
} from '@needlepoint/core/fhir/fhir-search';
import { patientVersions } from '@needlepoint/core/fhir/patient-history';
import { toFhirPatient, type FhirResource, type PatientData } from '@needlepoint/core/fhir/record-to-fhir';
import type { Database, Queryable } from '../../db/database';
import { recordAudit } from '../../platform/audit';
import {
  auditActorOf,
  auditDetailsOf,
  canAccess,
  clinicOf,
  requireScope,
  type FhirCaller,
} from './fhir-caller';
import * as repo from './fhir-api.repo';
import { uuids } from './fhir-sources.repo';

export type FhirQuery = Record<string, string | string[] | undefined>;

export function servedType(type: string): ServedType {
  if (!isServedType(type))
    throw new DomainError('FHIR_TYPE_NOT_SUPPORTED', `${type} is not a resource type this server serves`);
  return type;
}

/** The patient a resource belongs to (itself for a Patient). */
export function patientIdOf(resource: FhirResource): string | undefined {
  if (resource.resourceType === 'Patient') return resource.id;
  for (const field of ['subject', 'patient']) {
    const ref = (resource[field] as { reference?: string } | undefined)?.reference;
    if (ref?.startsWith('Patient/')) return ref.slice('Patient/'.length);
  }
  return undefined;
}

async function audit(
  client: Queryable,
  caller: FhirCaller,
  action: string,
  entityType: string,
  resources: FhirResource[],
  details: Record<string, unknown> = {},
): Promise<void> {
  const patients = [...new Set(resources.map(patientIdOf).filter((p): p is string => !!p))];
  await recordAudit(client, auditActorOf(caller), {
    action,
    entityType,
    entityId: resources.length === 1 ? resources[0]!.id : null,
    patientId: patients.length === 1 ? patients[0]! : null,
    details: { ...auditDetailsOf(caller), ...details, resources: resources.length, patients },
  });
}

const entryOf = (baseUrl: string, resource: FhirResource) => ({
  fullUrl: `${baseUrl}/${resource.resourceType}/${resource.id}`,
  resource,
});

export async function readResource(
  db: Database,
  caller: FhirCaller,
  type: string,
  id: string,
): Promise<FhirResource> {
  const served = servedType(type);
  requireScope(caller, served, 'r');
  return db.transaction(async (client) => {
    const resource = await repo.findResource(client, clinicOf(caller), served, id);
    if (!resource) throw new DomainError('FHIR_RESOURCE_NOT_FOUND', `${served}/${id} is not known`);
    await audit(client, caller, 'fhir.read', served, [resource]);
    return resource;
  });
}

/** A searchset Bundle: one page in id order, `self` and `next` links, `total` on the first page while cheap. */
export async function searchResources(
  db: Database,
  caller: FhirCaller,
  type: string,
  query: FhirQuery,
  options: { baseUrl: string; strict: boolean },
) {
  const served = servedType(type);
  requireScope(caller, served, 's');
  const parsed = parseSearch(served, query, { strict: options.strict });
  if (!parsed.ok)
    throw new DomainError('FHIR_SEARCH_INVALID', parsed.message, { details: { param: parsed.param } });
  const { filters, count, cursor, ignored } = parsed.value;
  if (cursor !== null && uuids([cursor]).length === 0)
    throw new DomainError('FHIR_SEARCH_INVALID', '_cursor is not one this server gave out');
  return db.transaction(async (client) => {
    const page = await repo.searchPage(
      client,
      clinicOf(caller),
      served,
      filters,
      count,
      cursor,
      cursor === null,
    );
    const self = searchQueryString(query, ignored, cursor);
    await audit(client, caller, 'fhir.searched', served, page.resources, { query: self });
    const link = [{ relation: 'self', url: `${options.baseUrl}/${served}${self ? `?${self}` : ''}` }];
    if (page.nextCursor)
      link.push({
        relation: 'next',
        url: `${options.baseUrl}/${served}?${searchQueryString(query, ignored, page.nextCursor)}`,
      });
    return {
      resourceType: 'Bundle',
      type: 'searchset',
      ...(page.total !== undefined ? { total: page.total } : {}),
      link,
      entry: page.resources.map((r) => ({ ...entryOf(options.baseUrl, r), search: { mode: 'match' } })),
    };
  });
}

async function patientVersionList(
  client: Queryable,
  caller: FhirCaller,
  id: string,
): Promise<FhirResource[]> {
  const current = await repo.findPatientData(client, clinicOf(caller), id);
  if (!current) throw new DomainError('FHIR_RESOURCE_NOT_FOUND', `Patient/${id} is not known`);
  const changes = await repo.listPatientVersions(client, clinicOf(caller), id);
  return patientVersions(
    current,
    changes.map((c) => ({ version: c.version, changedAt: c.changed_at.toISOString(), changes: c.changes })),
  ).map((p: PatientData) => toFhirPatient(p));
}

/** Patient/{id}/_history: every version of the demographics, newest first. */
export async function patientHistory(db: Database, caller: FhirCaller, id: string, baseUrl: string) {
  requireScope(caller, 'Patient', 'r');
  return db.transaction(async (client) => {
    const versions = await patientVersionList(client, caller, id);
    await audit(client, caller, 'fhir.history-read', 'Patient', versions.slice(0, 1), {
      versions: versions.length,
    });
    return {
      resourceType: 'Bundle',
      type: 'history',
      total: versions.length,
      link: [{ relation: 'self', url: `${baseUrl}/Patient/${id}/_history` }],
      entry: versions.map((v) => {
        const meta = v.meta as { versionId: string; lastUpdated: string };
        return {
          fullUrl: `${baseUrl}/Patient/${id}`,
          resource: v,
          request: {
            method: meta.versionId === '1' ? 'POST' : 'PUT',
            url: meta.versionId === '1' ? 'Patient' : `Patient/${id}`,
          },
          response: { status: meta.versionId === '1' ? '201' : '200', lastModified: meta.lastUpdated },
        };
      }),
    };
  });
}

/** Patient/{id}/_history/{vid}. */
export async function patientVersion(db: Database, caller: FhirCaller, id: string, versionId: string) {
  requireScope(caller, 'Patient', 'r');
  return db.transaction(async (client) => {
    const version = (await patientVersionList(client, caller, id)).find(
      (v) => (v.meta as { versionId: string }).versionId === versionId,
    );
    if (!version)
      throw new DomainError('FHIR_RESOURCE_NOT_FOUND', `Patient/${id} has no version ${versionId}`);
    await audit(client, caller, 'fhir.read', 'Patient', [version], { versionId });
    return version;
  });
}

/** Patient/{id}/$everything: the patient and every resource of theirs the caller may read. */
export async function patientEverything(db: Database, caller: FhirCaller, id: string, baseUrl: string) {
  requireScope(caller, 'Patient', 'r');
  return db.transaction(async (client) => {
    const resources: FhirResource[] = [];
    for (const type of servedTypes) {
      if (!canAccess(caller, type, 'r')) continue;
      resources.push(...(await repo.listForPatient(client, clinicOf(caller), type, id)));
    }
    if (resources[0]?.resourceType !== 'Patient')
      throw new DomainError('FHIR_RESOURCE_NOT_FOUND', `Patient/${id} is not known`);
    await audit(client, caller, 'fhir.everything-read', 'Patient', resources);
    return {
      resourceType: 'Bundle',
      type: 'searchset',
      total: resources.length,
      link: [{ relation: 'self', url: `${baseUrl}/Patient/${id}/$everything` }],
      entry: resources.map((r) => ({
        ...entryOf(baseUrl, r),
        search: { mode: r.resourceType === 'Patient' ? 'match' : 'include' },
      })),
    };
  });
}
