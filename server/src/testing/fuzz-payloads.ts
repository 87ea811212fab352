import { randomUUID } from 'node:crypto';

/**
 * Payload classes for the fuzz suite: from a route's OpenAPI description (parameters and JSON body schema),
 * the malformed requests an attacker or a broken client sends. Pure: no I/O.
 */

export interface JsonSchema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minLength?: number;
  minimum?: number;
  minItems?: number;
  nullable?: boolean;
  default?: unknown;
  additionalProperties?: boolean | JsonSchema;
}

export interface FuzzCase {
  /** The payload class, e.g. `body.name: NUL`. */
  name: string;
  url: string;
  payload?: string;
  contentType?: string;
}

/** Ids the generator substitutes: this clinic's real ones, and another clinic's, by the name they go by. */
export interface IdBook {
  own: Record<string, string>;
  other: Record<string, string>;
}

const segmentNames: Record<string, string> = {
  patients: 'patient',
  users: 'user',
  plans: 'plan',
  rooms: 'room',
  devices: 'device',
  providers: 'provider',
  'plan-templates': 'template',
  'service-types': 'serviceType',
};

/** The id kind a property or path parameter refers to: `patientId` -> patient, `/rooms/{id}` -> room. */
export function idKind(name: string, segment?: string): string {
  if (name === 'id' && segment) return segmentNames[segment] ?? 'unknown';
  return name.replace(/Id$/, '');
}

const pick = (s: JsonSchema): JsonSchema => s.anyOf?.[0] ?? s.oneOf?.[0] ?? s.allOf?.[0] ?? s;

function typeOf(schema: JsonSchema): string {
  const s = pick(schema);
  const t = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  if (t) return t;
  if (s.properties) return 'object';
  if (s.enum) return typeof s.enum[0];
  return 'unknown';
}

/** A plausible value for `schema` (required fields only), so a single mutation reaches past the first check. */
export function exampleOf(schema: JsonSchema, ids: IdBook, name = '', depth = 0): unknown {
  const s = pick(schema);
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  if (s.default !== undefined) return s.default;
  switch (typeOf(s)) {
    case 'object': {
      if (depth > 4) return {};
      const out: Record<string, unknown> = {};
      for (const key of s.required ?? [])
        if (s.properties?.[key]) out[key] = exampleOf(s.properties[key], ids, key, depth + 1);
      return out;
    }
    case 'array':
      return s.minItems && s.items
        ? Array.from({ length: s.minItems }, () => exampleOf(s.items!, ids, name, depth + 1))
        : [];
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return true;
    case 'string':
      if (s.format === 'uuid') return ids.own[idKind(name)] ?? randomUUID();
      if (s.format === 'date') return '2031-03-04';
      if (s.format === 'date-time') return '2031-03-04T10:00:00.000Z';
      if (s.format === 'email') return `fuzz-${randomUUID().slice(0, 8)}@example.test`;
      if (name.toLowerCase().includes('time')) return '10:00';
      return 'x'.repeat(Math.max(s.minLength ?? 0, 3));
    default:
      return 'x';
  }
}

const deep = (depth: number) => JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`) as unknown;

/** Values that replace one property, by the kind of value the schema expects there. */
function mutationsFor(schema: JsonSchema, ids: IdBook, name: string): [string, unknown][] {
  const type = typeOf(schema);
  const s = pick(schema);
  const common: [string, unknown][] = [
    ['wrong type', type === 'string' ? 12345 : 'not-the-type'],
    ['null', null],
    ['array for a value', []],
    ['object for a value', {}],
    ['deep nesting', deep(2000)],
  ];
  if (type === 'string') {
    common.push(
      ['huge string', 'x'.repeat(200_000)],
      ['NUL', 'a\u0000b'],
      ['lone surrogate', 'a\ud800b'],
      ['empty string', ''],
    );
    if (s.format === 'uuid') {
      common.push(['unknown id', randomUUID()]);
      common.push(['other clinic id', ids.other[idKind(name)] ?? randomUUID()]);
      common.push(['not a uuid', 'not-a-uuid']);
    }
    if (s.format === 'date' || s.format === 'date-time') common.push(['impossible date', '2031-02-30']);
  }
  if (type === 'integer' || type === 'number') {
    common.push(
      ['huge number', 1e308],
      ['unsafe integer', Number.MAX_SAFE_INTEGER + 2],
      ['negative number', -1],
      ['fraction', 0.5],
    );
  }
  if (type === 'array') common.push(['huge array', Array.from({ length: 50_000 }, () => 1)]);
  return common;
}

/** Document-level classes every body route gets, whatever its schema. */
export function documentCases(url: string): FuzzCase[] {
  return [
    { name: 'empty body', url },
    { name: 'empty JSON body', url, payload: '', contentType: 'application/json' },
    { name: 'malformed JSON', url, payload: '{"a": ', contentType: 'application/json' },
    { name: 'JSON null', url, payload: 'null', contentType: 'application/json' },
    { name: 'array for object', url, payload: '[1,2,3]', contentType: 'application/json' },
    { name: 'a string for object', url, payload: '"x"', contentType: 'application/json' },
    {
      name: 'deep nesting',
      url,
      payload: '['.repeat(5000) + ']'.repeat(5000),
      contentType: 'application/json',
    },
    { name: 'wrong content type', url, payload: '{}', contentType: 'text/plain' },
    { name: 'form content type', url, payload: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
    { name: 'xml content type', url, payload: '<a/>', contentType: 'application/xml' },
    { name: 'NUL in raw JSON', url, payload: '{"a":"\\u0000"}', contentType: 'application/json' },
    { name: 'prototype key', url, payload: '{"__proto__":{"x":1}}', contentType: 'application/json' },
  ];
}

/** One case per property and mutation: the example body with that one property replaced. */
export function bodyCases(url: string, schema: JsonSchema | undefined, ids: IdBook): FuzzCase[] {
  if (!schema) return [];
  const base = exampleOf(schema, ids);
  const cases: FuzzCase[] = [
    { name: 'example body', url, payload: JSON.stringify(base), contentType: 'application/json' },
  ];
  const s = pick(schema);
  if (typeOf(s) !== 'object' || !s.properties) return cases;
  for (const [key, prop] of Object.entries(s.properties)) {
    for (const [label, value] of mutationsFor(prop, ids, key)) {
      const body = { ...(base as Record<string, unknown>), [key]: value };
      cases.push({
        name: `body.${key}: ${label}`,
        url,
        payload: JSON.stringify(body),
        contentType: 'application/json',
      });
    }
  }
  cases.push({
    name: 'unknown property',
    url,
    payload: JSON.stringify({ ...(base as object), zzUnknown: 1 }),
    contentType: 'application/json',
  });
  return cases;
}

/** Query-string classes: each declared parameter given a value of the wrong kind. */
export function queryCases(url: string, names: string[]): FuzzCase[] {
  const values: [string, string][] = [
    ['NUL', '%00'],
    ['lone surrogate (invalid UTF-8)', '%ED%A0%80'],
    ['huge', 'x'.repeat(5000)],
    ['negative number', '-1'],
    ['huge number', '1e308'],
    ['not a uuid', 'not-a-uuid'],
    ['impossible date', '2031-02-30'],
  ];
  const cases: FuzzCase[] = [{ name: 'unknown query parameter', url: `${url}?zzUnknown=1` }];
  for (const name of names) {
    for (const [label, value] of values)
      cases.push({ name: `query.${name}: ${label}`, url: `${url}?${name}=${value}` });
    cases.push({ name: `query.${name}: repeated`, url: `${url}?${name}=1&${name}=2` });
  }
  return cases;
}

/** The route template with each `{param}` filled by `value(param, the path segment before it)`. */
export function fillPath(template: string, value: (name: string, segment: string) => string): string {
  return template.replace(/\{([a-zA-Z]+)\}/g, (_m, name: string, offset: number) => {
    const segment = template.slice(0, offset).split('/').filter(Boolean).pop() ?? '';
    return value(name, segment);
  });
}

/** The route with this clinic's own ids where it has them (a random id elsewhere). */
export function ownUrl(template: string, ids: IdBook): string {
  return fillPath(template, (name, segment) => ids.own[idKind(name, segment)] ?? randomUUID());
}

/** Path-parameter classes: the route template with every parameter replaced by a value of the wrong kind. */
export function pathCases(template: string, ids: IdBook): FuzzCase[] {
  if (!template.includes('{')) return [];
  const variants: [string, (name: string, segment: string) => string][] = [
    ['unknown id', () => randomUUID()],
    ['other clinic id', (name, segment) => ids.other[idKind(name, segment)] ?? randomUUID()],
    ['not a uuid', () => 'not-a-uuid'],
    ['negative number', () => '-1'],
    ['huge', () => 'x'.repeat(300)],
    ['NUL', () => '%00'],
    ['invalid UTF-8', () => '%ED%A0%80'],
    ['dot segments', () => '..%2F..%2Fetc'],
  ];
  return variants.map(([name, value]) => ({ name: `path: ${name}`, url: fillPath(template, value) }));
}
