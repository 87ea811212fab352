import { DomainError } from '../errors';
import type { FactsRecord } from '../screening/record-to-facts';
import { arr, obj, referenceKey, referenceKeys, str, type Json } from './fhir-json';
import { mapPatient, type ImportedPatient } from './fhir-patient';
import {
  entryResourceKinds,
  mapEntry,
  mapList,
  unreadableMedication,
  type ImportedEntry,
} from './fhir-to-record';

/**
 * A FHIR R4 Bundle (any type) or a single resource -> one patient's record entries, through the same mapping
 * the import uses (`mapPatient`, `mapEntry`). Pure. A malformed entry is a warning and the rest is read; a
 * medication entry that cannot be read is kept, marked for review.
 */

export interface BundleRecord {
  patient: ImportedPatient | null;
  entries: ImportedEntry[];
  listsReviewed: Partial<Record<'medications' | 'allergies' | 'conditions', string | undefined>>;
  warnings: string[];
}

export interface BundleRecordOptions {
  /** Which patient, when the Bundle holds several (the Patient's id). */
  patientId?: string;
  /** Structural validation of one resource (the import's validator); returns the problem or null. */
  problemOf?: (resource: Json) => string | null;
}

function invalid(message: string): never {
  throw new DomainError('SCREENING_INPUT_INVALID', message);
}

interface Item {
  where: string;
  resource: Json;
  fullUrl: string | undefined;
}

function itemsOf(json: unknown, warnings: string[]): Item[] {
  const doc = obj(json);
  if (!doc) invalid('not a FHIR resource: expected a JSON object');
  if (typeof doc.resourceType !== 'string') invalid('not a FHIR resource: resourceType missing');
  if (doc.resourceType !== 'Bundle') return [{ where: doc.resourceType, resource: doc, fullUrl: undefined }];
  if (doc.entry !== undefined && !Array.isArray(doc.entry)) invalid('Bundle.entry must be an array');
  const items: Item[] = [];
  arr(doc.entry).forEach((raw, i) => {
    const entry = obj(raw);
    const resource = obj(entry?.resource);
    if (!resource || typeof resource.resourceType !== 'string') {
      warnings.push(`entry[${i}]: no resource with a resourceType; skipped`);
      return;
    }
    const where = `entry[${i}] (${resource.resourceType}${str(resource.id) ? `/${String(resource.id)}` : ''})`;
    items.push({ where, resource, fullUrl: str(entry?.fullUrl) });
  });
  return items;
}

export function bundleToRecord(json: unknown, options: BundleRecordOptions = {}): BundleRecord {
  const warnings: string[] = [];
  const items = itemsOf(json, warnings);
  const problemOf = options.problemOf ?? (() => null);

  const patients = items.filter((i) => i.resource.resourceType === 'Patient');
  const ids = patients.map((p) => str(p.resource.id) ?? p.fullUrl ?? p.where);
  let chosen: Item | undefined;
  if (options.patientId !== undefined) {
    chosen = patients.find((p, i) => ids[i] === options.patientId);
    if (!chosen)
      invalid(`no Patient with id ${options.patientId}${ids.length ? ` (patients: ${ids.join(', ')})` : ''}`);
  } else if (patients.length > 1) {
    invalid(
      `the Bundle holds ${patients.length} patients; choose one with --patient <id>: ${ids.join(', ')}`,
    );
  } else chosen = patients[0];

  let patient: ImportedPatient | null = null;
  const patientKeys = new Set<string>();
  if (chosen) {
    const problem = problemOf(chosen.resource);
    const mapped = mapPatient(chosen.resource);
    if (problem) warnings.push(`${chosen.where}: ${problem}`);
    if (mapped.ok) patient = mapped.value;
    else warnings.push(`${chosen.where}: ${mapped.reason}`);
    for (const key of referenceKeys(chosen.resource, chosen.fullUrl)) patientKeys.add(key);
  }
  const aboutPatient = (ref: string) => !chosen || patientKeys.has(ref) || patientKeys.has(referenceKey(ref));

  const medications = new Map<string, Json>();
  for (const item of items) {
    if (item.resource.resourceType !== 'Medication') continue;
    const problem = problemOf(item.resource);
    if (problem) {
      warnings.push(`${item.where}: ${problem}; skipped`);
      continue;
    }
    for (const key of referenceKeys(item.resource, item.fullUrl)) medications.set(key, item.resource);
  }
  const resolve = (key: string) => medications.get(key);

  const entries: ImportedEntry[] = [];
  const listsReviewed: BundleRecord['listsReviewed'] = {};
  items.forEach((item, i) => {
    const type = String(item.resource.resourceType);
    if (type === 'List') {
      const problem = problemOf(item.resource);
      if (problem) {
        warnings.push(`${item.where}: ${problem}; skipped`);
        return;
      }
      const list = mapList(item.resource);
      if (list && aboutPatient(list.patientRef)) listsReviewed[list.list] = list.date;
      return;
    }
    if (!entryResourceKinds[type]) return;
    const resource = str(item.resource.id) ? item.resource : { ...item.resource, id: `entry-${i}` };
    const problem = problemOf(resource);
    const mapped = problem ? undefined : mapEntry(resource, resolve);
    if (mapped?.ok) {
      if (aboutPatient(mapped.value.patientRef)) entries.push(mapped.value);
      return;
    }
    const reason = problem ?? (mapped && !mapped.ok ? mapped.reason : 'not readable');
    const kept = unreadableMedication(resource, reason);
    if (kept && aboutPatient(kept.patientRef)) {
      entries.push(kept);
      warnings.push(`${item.where}: ${reason}; kept for review`);
    } else if (entryResourceKinds[type] === 'medication' && !kept) {
      entries.push({
        kind: 'medication',
        sourceRef: `${type}/${String(resource.id)}`,
        patientRef: '',
        codes: [],
        display: 'Medication not readable',
        status: 'unknown',
        startDate: null,
        endDate: null,
        value: null,
        bodySites: [],
        review: `Medication entry not readable: ${reason}`,
      });
      warnings.push(`${item.where}: ${reason}; kept for review`);
    } else if (!kept) {
      warnings.push(`${item.where}: ${reason}; skipped`);
    }
  });
  return { patient, entries, listsReviewed, warnings };
}

/** The record screening reads, from a Bundle's record: the same shape the app builds from stored entries. */
export function bundleRecordToFactsRecord(record: BundleRecord, asOf: string): FactsRecord {
  const listsReviewed: FactsRecord['listsReviewed'] = {};
  for (const [list, date] of Object.entries(record.listsReviewed))
    listsReviewed[list as keyof typeof listsReviewed] = date ?? asOf;
  return {
    id: record.patient?.sourceRef || 'bundle',
    sex: record.patient?.sex ?? 'unknown',
    birthSex: record.patient?.birthSex ?? null,
    birthDate: record.patient?.birthDate ?? '',
    answers: {},
    listsReviewed,
    entries: record.entries.map((e) => ({ ...e, id: e.sourceRef })),
  };
}
