import type { Permission } from '../auth/permissions';

/**
 * What the open FHIR API serves and how a search query is read: the one table the CapabilityStatement, the
 * search parser and the server's SQL all follow. Pure.
 */

export const servedTypes = [
  'Patient',
  'Condition',
  'AllergyIntolerance',
  'MedicationStatement',
  'MedicationRequest',
  'Procedure',
  'Observation',
  'Appointment',
  'Consent',
  'QuestionnaireResponse',
  'AdverseEvent',
] as const;
export type ServedType = (typeof servedTypes)[number];

/**
 * What a signed-in staff member needs to read each type through the API: the same permission the app asks for,
 * so front desk, who see only a session's charting status in the app, do not read clinical detail here either.
 */
export const staffReadPermission: Record<ServedType, Permission> = {
  Patient: 'patient:read',
  Condition: 'patient:read',
  AllergyIntolerance: 'patient:read',
  MedicationStatement: 'patient:read',
  MedicationRequest: 'patient:read',
  Procedure: 'treatment:read',
  Observation: 'outcome:read',
  Appointment: 'patient:read',
  Consent: 'patient:read',
  QuestionnaireResponse: 'patient:read',
  AdverseEvent: 'adverse-event:read',
};

export function isServedType(type: string): type is ServedType {
  return (servedTypes as readonly string[]).includes(type);
}

export type ParamType = 'token' | 'string' | 'date' | 'reference';
export interface SearchParamDef {
  type: ParamType;
  documentation: string;
}

const common: Record<string, SearchParamDef> = {
  _id: { type: 'token', documentation: 'Logical id (comma-separated for any of several)' },
  _lastUpdated: { type: 'date', documentation: 'When the resource last changed (eq, ge, gt, le, lt)' },
};
const patient: SearchParamDef = { type: 'reference', documentation: 'The patient (Patient/id or id)' };
const code: SearchParamDef = {
  type: 'token',
  documentation: 'Any of the codes (system|code, code, or |code)',
};
const status: SearchParamDef = { type: 'token', documentation: 'Status code' };
const date = (what: string): SearchParamDef => ({ type: 'date', documentation: what });

/** Search parameters per type, by their standard FHIR R4 names. */
export const searchParams: Record<ServedType, Record<string, SearchParamDef>> = {
  Patient: {
    ...common,
    identifier: { type: 'token', documentation: 'An identifier (system|value or value)' },
    name: {
      type: 'string',
      documentation: 'Start of the given or family name, any case (:exact for equality)',
    },
    birthdate: date('Date of birth'),
    gender: { type: 'token', documentation: 'male | female | other | unknown' },
  },
  Condition: {
    ...common,
    patient,
    code,
    'clinical-status': { type: 'token', documentation: 'Clinical status (active, resolved, ...)' },
    'onset-date': date('Onset'),
  },
  AllergyIntolerance: {
    ...common,
    patient,
    code,
    'clinical-status': { type: 'token', documentation: 'Clinical status (active, inactive, resolved)' },
  },
  MedicationStatement: { ...common, patient, code, status, effective: date('Start of the period taken') },
  MedicationRequest: { ...common, patient, code, status, authoredon: date('When it was written') },
  Procedure: {
    ...common,
    patient,
    code,
    status,
    date: date('When it was performed (imported procedures and charted treatment sessions)'),
  },
  Observation: {
    ...common,
    patient,
    code,
    status,
    date: date('Effective date (imported observations and outcome scores)'),
  },
  Appointment: { ...common, patient, status, date: date('Start of the appointment') },
  Consent: { ...common, patient, status, date: date('When it was signed') },
  QuestionnaireResponse: { ...common, patient, status, authored: date('When it was submitted') },
  AdverseEvent: {
    ...common,
    subject: { type: 'reference', documentation: 'The patient (Patient/id or id)' },
    event: { type: 'token', documentation: 'The type of event (urn:needlepoint:adverse-event-type)' },
    seriousness: { type: 'token', documentation: 'serious | non-serious' },
    date: date('When the event was recorded'),
  },
};

export type DatePrefix = 'eq' | 'ne' | 'gt' | 'lt' | 'ge' | 'le' | 'sa' | 'eb' | 'ap';

/** A date search value as a half-open range [start, end) in UTC, in both instant and calendar-date forms. */
export interface DateRange {
  prefix: 'eq' | 'gt' | 'lt' | 'ge' | 'le';
  start: string;
  end: string;
  startDate: string;
  endDate: string;
}

export type SearchFilter =
  | { param: string; type: 'token'; values: { system?: string; code: string }[] }
  | { param: string; type: 'string'; exact: boolean; values: string[] }
  | { param: string; type: 'date'; range: DateRange }
  | { param: string; type: 'reference'; ids: string[] };

export interface ParsedSearch {
  filters: SearchFilter[];
  count: number;
  cursor: string | null;
  /** Parameters the search did not use (lenient handling); a strict request refuses them instead. */
  ignored: string[];
}

export type SearchProblem = { ok: false; param: string; message: string };

export const defaultCount = 50;
export const maxCount = 500;

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** `2024`, `2024-03`, `2024-03-05` or a full dateTime -> the range it covers. */
export function dateRange(raw: string): DateRange | undefined {
  const m =
    /^(eq|ne|gt|lt|ge|le|sa|eb|ap)?(\d{4})(?:-(\d{2})(?:-(\d{2})(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?)?)?$/.exec(
      raw,
    );
  if (!m) return undefined;
  const prefix = (m[1] ?? 'eq') as DatePrefix;
  if (prefix !== 'eq' && prefix !== 'gt' && prefix !== 'lt' && prefix !== 'ge' && prefix !== 'le')
    return undefined;
  const [y, mo, d, time] = [
    Number(m[2]),
    m[3] ? Number(m[3]) : undefined,
    m[4] ? Number(m[4]) : undefined,
    m[5],
  ];
  let start: Date;
  let end: Date;
  if (time) {
    start = new Date(`${m[2]}-${m[3]}-${m[4]}${time}`);
    if (Number.isNaN(start.getTime())) return undefined;
    end = new Date(start.getTime() + 1000);
  } else if (d !== undefined) {
    start = new Date(Date.UTC(y, mo! - 1, d));
    if (start.getUTCDate() !== d) return undefined;
    end = new Date(Date.UTC(y, mo! - 1, d + 1));
  } else if (mo !== undefined) {
    if (mo < 1 || mo > 12) return undefined;
    start = new Date(Date.UTC(y, mo - 1, 1));
    end = new Date(Date.UTC(y, mo, 1));
  } else {
    start = new Date(Date.UTC(y, 0, 1));
    end = new Date(Date.UTC(y + 1, 0, 1));
  }
  const endDay = new Date(end.getTime() - 1);
  return {
    prefix,
    start: start.toISOString(),
    end: end.toISOString(),
    startDate: isoDay(start),
    endDate: isoDay(
      new Date(Date.UTC(endDay.getUTCFullYear(), endDay.getUTCMonth(), endDay.getUTCDate() + 1)),
    ),
  };
}

function token(raw: string): { system?: string; code: string } | undefined {
  const bar = raw.indexOf('|');
  if (bar < 0) return raw ? { code: raw } : undefined;
  const system = raw.slice(0, bar);
  const code = raw.slice(bar + 1);
  if (!code) return undefined;
  return system ? { system, code } : { code };
}

const commaList = (raw: string) =>
  raw
    .split(/(?<!\\),/)
    .map((v) => v.replace(/\\,/g, ','))
    .filter((v) => v !== '');

/** Parameters that shape the result, not the match; accepted everywhere. */
const resultParams = new Set(['_count', '_cursor', '_format', '_total']);

/**
 * Reads a search query for `type`. Repeated parameters are ANDed, comma-separated values ORed. Unknown
 * parameters are ignored (reported) unless `strict` (the client sent `Prefer: handling=strict`).
 */
export function parseSearch(
  type: ServedType,
  query: Record<string, string | string[] | undefined>,
  options: { strict?: boolean } = {},
): { ok: true; value: ParsedSearch } | SearchProblem {
  const defs = searchParams[type];
  const filters: SearchFilter[] = [];
  const ignored: string[] = [];
  let count = defaultCount;
  let cursor: string | null = null;
  for (const [key, rawValue] of Object.entries(query)) {
    if (rawValue === undefined) continue;
    const values = Array.isArray(rawValue) ? rawValue : [rawValue];
    const [name, modifier] = key.split(':') as [string, string | undefined];
    if (resultParams.has(key)) {
      const last = values[values.length - 1]!;
      if (key === '_count') {
        if (!/^\d+$/.test(last)) return { ok: false, param: key, message: '_count must be a whole number' };
        count = Math.min(Number(last), maxCount);
      } else if (key === '_cursor') cursor = last;
      continue;
    }
    const def = defs[name];
    if (!def) {
      if (options.strict)
        return { ok: false, param: key, message: `${type} has no search parameter "${name}"` };
      ignored.push(key);
      continue;
    }
    if (modifier && !(def.type === 'string' && modifier === 'exact')) {
      return { ok: false, param: key, message: `The modifier :${modifier} is not supported on ${name}` };
    }
    for (const value of values) {
      if (def.type === 'date') {
        const range = dateRange(value);
        if (!range)
          return {
            ok: false,
            param: key,
            message: `${name}: "${value}" is not a date (YYYY, YYYY-MM, YYYY-MM-DD or a dateTime, prefixed by eq, ge, gt, le or lt)`,
          };
        filters.push({ param: name, type: 'date', range });
      } else if (def.type === 'token') {
        const tokens = commaList(value).map(token);
        if (tokens.length === 0 || tokens.some((t) => !t))
          return {
            ok: false,
            param: key,
            message: `${name}: "${value}" is not a token (system|code or code)`,
          };
        filters.push({ param: name, type: 'token', values: tokens as { system?: string; code: string }[] });
      } else if (def.type === 'string') {
        const list = commaList(value);
        if (list.length === 0) return { ok: false, param: key, message: `${name} is empty` };
        filters.push({ param: name, type: 'string', exact: modifier === 'exact', values: list });
      } else {
        const ids = commaList(value).map((v) => v.replace(/^Patient\//, ''));
        if (ids.length === 0 || ids.some((id) => id.includes('/')))
          return { ok: false, param: key, message: `${name}: "${value}" is not a Patient reference` };
        filters.push({ param: name, type: 'reference', ids });
      }
    }
  }
  return { ok: true, value: { filters, count, cursor, ignored } };
}

/** The query string of a search (what a `self` or `next` link repeats), with `_cursor` replaced. */
export function searchQueryString(
  query: Record<string, string | string[] | undefined>,
  ignored: readonly string[],
  cursor: string | null,
): string {
  const parts: string[] = [];
  const add = (k: string, v: string) => parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  for (const [key, raw] of Object.entries(query)) {
    if (raw === undefined || key === '_cursor' || ignored.includes(key)) continue;
    for (const v of Array.isArray(raw) ? raw : [raw]) add(key, v);
  }
  if (cursor) add('_cursor', cursor);
  return parts.join('&');
}
