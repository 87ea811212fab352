import { DomainError } from '../errors';
import type { Coding } from '../screening/facts';

/** Small, strict readers for FHIR R4 JSON. Every failure names the entry and the field. */

export type Json = Record<string, unknown>;

export class EntryReader {
  constructor(
    readonly where: string,
    readonly resource: Json,
  ) {}

  fail(problem: string): never {
    throw new DomainError('SCREENING_INPUT_INVALID', `${this.where}: ${problem}`, {
      details: { entry: this.where },
    });
  }

  object(field: string): Json | undefined {
    const value = this.resource[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) this.fail(`${field} must be an object`);
    return value as Json;
  }

  array(field: string): Json[] {
    const value = this.resource[field];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) this.fail(`${field} must be an array`);
    return value.filter((v): v is Json => typeof v === 'object' && v !== null);
  }

  string(field: string): string | undefined {
    const value = this.resource[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') this.fail(`${field} must be a string`);
    return value;
  }

  /** A CodeableConcept's codings and text; `required` fails when it is absent or empty. */
  concept(field: string, required: boolean): { codes: Coding[]; text: string | undefined } {
    const value = this.object(field);
    const result = readConcept(value, (p) => this.fail(`${field}: ${p}`));
    if (required && result.codes.length === 0 && !result.text) this.fail(`${field} missing`);
    return result;
  }

  /** The code of a status CodeableConcept (e.g. clinicalStatus), checked against the allowed codes. */
  statusConcept<T extends string>(field: string, allowed: readonly T[]): T | undefined {
    const { codes, text } = this.concept(field, false);
    const code = codes[0]?.code ?? text;
    if (code === undefined) return undefined;
    if (!allowed.includes(code as T)) this.fail(`${field} "${code}" is not one of ${allowed.join(', ')}`);
    return code as T;
  }

  /** A plain status code, checked against the allowed codes. */
  status<T extends string>(field: string, allowed: readonly T[], required: boolean): T | undefined {
    const value = this.string(field);
    if (value === undefined) {
      if (required) this.fail(`${field} missing`);
      return undefined;
    }
    if (!allowed.includes(value as T)) this.fail(`${field} "${value}" is not one of ${allowed.join(', ')}`);
    return value as T;
  }

  /** A FHIR date / dateTime / instant, returned as its date part (YYYY, YYYY-MM or YYYY-MM-DD). */
  date(field: string, from: Json = this.resource, label = field): string | undefined {
    const value = from[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string' || !FHIR_DATE.test(value))
      this.fail(`${label} "${String(value)}" is not a FHIR date or dateTime`);
    return value.length > 10 ? value.slice(0, 10) : value;
  }

  period(field: string): { start: string | undefined; end: string | undefined } {
    const period = this.object(field);
    if (!period) return { start: undefined, end: undefined };
    return {
      start: this.date('start', period, `${field}.start`),
      end: this.date('end', period, `${field}.end`),
    };
  }

  /** Body sites as text (display or text of each CodeableConcept). */
  bodySites(): string[] {
    return this.array('bodySite').flatMap((site) => {
      const { codes, text } = readConcept(site, (p) => this.fail(`bodySite: ${p}`));
      return [text, ...codes.map((c) => c.display)].filter((t): t is string => typeof t === 'string');
    });
  }
}

const FHIR_DATE =
  /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

export function readConcept(
  value: Json | undefined,
  fail: (problem: string) => never,
): { codes: Coding[]; text: string | undefined } {
  if (!value) return { codes: [], text: undefined };
  const codings = value.coding;
  if (codings !== undefined && !Array.isArray(codings)) fail('coding must be an array');
  const codes: Coding[] = [];
  for (const c of (codings as unknown[] | undefined) ?? []) {
    if (typeof c !== 'object' || c === null) fail('coding entries must be objects');
    const { system, code, display } = c as Json;
    if (typeof code !== 'string' || code === '') continue;
    codes.push({
      system: typeof system === 'string' ? system : '',
      code,
      ...(typeof display === 'string' ? { display } : {}),
    });
  }
  const text = typeof value.text === 'string' && value.text.trim() !== '' ? value.text : undefined;
  return { codes, text };
}
