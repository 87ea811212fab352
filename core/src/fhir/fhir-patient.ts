import { arr, obj, str, toFhirDate, type Json } from './fhir-json';

/** FHIR R4 Patient -> the clinic's demographics. Pure. */

export type Sex = 'female' | 'male' | 'other' | 'unknown';

export interface ImportedPatient {
  sourceRef: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  /** Administrative gender; when absent or unknown, the US Core individual-sex or birth-sex extension. */
  sex: Sex;
  /** Sex assigned at birth (US Core birth-sex, or individual-sex), when recorded. */
  birthSex: Sex | null;
  email: string | null;
  phone: string | null;
  address: string;
  identifiers: { system: string; value: string }[];
  deceased: boolean;
  /** Date of death as recorded (`deceasedDateTime`, precision kept), when known. */
  deceasedDate: string | null;
}

export type Mapped<T> = { ok: true; value: T } | { ok: false; reason: string };

export const US_CORE_BIRTH_SEX = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex';
export const US_CORE_INDIVIDUAL_SEX =
  'http://hl7.org/fhir/us/core/StructureDefinition/us-core-individual-sex';
const SNOMED_FEMALE = ['248152002', '446141000124107'];
const SNOMED_MALE = ['248153007', '446151000124109'];

function sexFromCode(code: string | undefined): Sex | null {
  if (!code) return null;
  const c = code.trim();
  if (c === 'F' || c === 'female' || SNOMED_FEMALE.includes(c)) return 'female';
  if (c === 'M' || c === 'male' || SNOMED_MALE.includes(c)) return 'male';
  if (c === 'UNK' || c === 'unknown' || c === 'asked-declined') return 'unknown';
  return 'other';
}

function extensionSex(resource: Json, url: string): Sex | null {
  const ext = arr(resource.extension)
    .map(obj)
    .find((e) => e?.url === url);
  if (!ext) return null;
  const coding = obj(ext.valueCoding);
  return sexFromCode(str(ext.valueCode) ?? str(coding?.code));
}

export function mapPatient(resource: Json): Mapped<ImportedPatient> {
  const id = str(resource.id);
  const names = arr(resource.name)
    .map(obj)
    .filter((n): n is Json => !!n);
  const name = names.find((n) => n.use === 'official') ?? names[0];
  const given = arr(name?.given)
    .filter((g): g is string => typeof g === 'string')
    .join(' ');
  const family = str(name?.family);
  const birthDate = str(resource.birthDate);
  if (!given || !family) return { ok: false, reason: 'Patient has no given and family name' };
  if (!birthDate || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate))
    return { ok: false, reason: 'Patient has no full birthDate (YYYY-MM-DD)' };
  const gender = str(resource.gender);
  const individualSex = extensionSex(resource, US_CORE_INDIVIDUAL_SEX);
  const birthSex = extensionSex(resource, US_CORE_BIRTH_SEX) ?? individualSex;
  const administrative: Sex | null =
    gender === 'female' || gender === 'male' || gender === 'other' ? gender : null;
  const telecom = arr(resource.telecom).map(obj);
  const contact = (system: string) => str(telecom.find((t) => t?.system === system)?.value) ?? null;
  const address = obj(arr(resource.address)[0]);
  const addressText =
    str(address?.text) ??
    [...arr(address?.line), address?.city, address?.state, address?.postalCode, address?.country]
      .filter((p) => typeof p === 'string')
      .join(', ');
  const identifiers = arr(resource.identifier)
    .map(obj)
    .filter((i): i is Json => !!str(i?.system) && !!str(i?.value))
    .map((i) => ({ system: String(i.system), value: String(i.value).trim() }));
  const deceasedDate = toFhirDate(resource.deceasedDateTime) ?? null;
  return {
    ok: true,
    value: {
      sourceRef: id ? `Patient/${id}` : '',
      givenName: given,
      familyName: family,
      birthDate,
      sex: administrative ?? individualSex ?? birthSex ?? 'unknown',
      birthSex,
      email: contact('email'),
      phone: contact('phone'),
      address: addressText,
      identifiers,
      deceased: resource.deceasedBoolean === true || deceasedDate !== null,
      deceasedDate,
    },
  };
}
