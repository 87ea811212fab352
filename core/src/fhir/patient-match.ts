/**
 * Matching imported people to the clinic's patients, safely: an identifier never decides alone. Pure.
 */

/**
 * Identifier values that stand for "unknown" and must never match anyone: all one digit (000-00-0000,
 * 999-99-9999, 1111111), the well-known test SSN 123-45-6789, and words such as "unknown".
 */
export function isPlaceholderIdentifier(value: string): boolean {
  const compact = value.replace(/[\s\-./]/g, '').toLowerCase();
  if (compact.length < 3) return true;
  if (/^(.)\1+$/.test(compact)) return true;
  if (compact === '123456789' || compact === '987654321') return true;
  return /^(unknown|unk|none|na|null|notapplicable|declined|test|temp|tmp|x+)$/.test(compact);
}

export interface PersonKey {
  givenName: string;
  familyName: string;
  birthDate: string;
}

const norm = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

/** Same person by name and birth date: same birth date, same family name, same first given name. */
export function samePerson(a: PersonKey, b: PersonKey): boolean {
  const first = (given: string) => norm(given.trim().split(/\s+/)[0] ?? '');
  return (
    a.birthDate === b.birthDate &&
    norm(a.familyName) === norm(b.familyName) &&
    first(a.givenName) === first(b.givenName)
  );
}
