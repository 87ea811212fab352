/** Tolerant readers for parsed FHIR R4 JSON, shared by the mappers. Pure. */

export type Json = Record<string, unknown>;

export interface ImportedCoding {
  system: string;
  code: string;
  display?: string;
}

export const obj = (v: unknown): Json | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v : undefined;

const PARTIAL_DATE = /^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?(?:T.*)?$/;

/**
 * A FHIR date or dateTime as its date part, keeping its precision: `2019`, `2019-04` or `2019-04-05`.
 * Undefined when absent or malformed. Rules read a partial date conservatively (the whole period counts).
 */
export function toFhirDate(value: unknown): string | undefined {
  const s = str(value);
  if (!s) return undefined;
  const m = PARTIAL_DATE.exec(s);
  if (!m) return undefined;
  if (!m[2]) return m[1];
  if (!m[3]) return `${m[1]}-${m[2]}`;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** `YYYY-MM-DD` from a FHIR date or dateTime (a partial date gives its first day); undefined if malformed. */
export function toIsoDate(value: unknown): string | undefined {
  const d = toFhirDate(value);
  if (!d) return undefined;
  if (d.length === 4) return `${d}-01-01`;
  if (d.length === 7) return `${d}-01`;
  return d;
}

export function codingsOf(concept: unknown): ImportedCoding[] {
  return arr(obj(concept)?.coding)
    .map(obj)
    .filter((c): c is Json => !!c && !!str(c.code))
    .map((c) => ({
      system: str(c.system) ?? '',
      code: String(c.code),
      ...(str(c.display) ? { display: String(c.display) } : {}),
    }));
}

export function conceptText(concept: unknown): string | undefined {
  const c = obj(concept);
  return str(c?.text) ?? codingsOf(concept).find((x) => x.display)?.display;
}

export function statusCode(concept: unknown): string | undefined {
  const coding = arr(obj(concept)?.coding)
    .map(obj)
    .find((c) => str(c?.code));
  return str(coding?.code) ?? str(obj(concept)?.text);
}

export function refOf(resource: Json, field: string): string | undefined {
  return str(obj(resource[field])?.reference);
}

/** The references a Bundle entry can be reached by: its fullUrl, `Type/id`, and an absolute URL's tail. */
export function referenceKeys(resource: Json, fullUrl: string | undefined): string[] {
  const keys: string[] = [];
  const type = str(resource.resourceType);
  const id = str(resource.id);
  if (fullUrl) {
    keys.push(fullUrl);
    const tail = /([A-Za-z]+\/[A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(fullUrl)?.[1];
    if (tail && !fullUrl.startsWith('urn:')) keys.push(tail);
  }
  if (type && id) keys.push(`${type}/${id}`);
  return [...new Set(keys)];
}

/** The key a reference is looked up by: `urn:uuid:...` as is, an absolute URL by its `Type/id` tail. */
export function referenceKey(reference: string): string {
  if (reference.startsWith('urn:') || reference.startsWith('#')) return reference;
  const tail = /([A-Za-z]+\/[A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(reference)?.[1];
  return tail ?? reference;
}
