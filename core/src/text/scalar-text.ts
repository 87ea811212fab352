/**
 * A value read from JSON or a database row, as text: a string, number, boolean or bigint as written; anything else
 * (null, undefined, an object or array) as `fallback`. Never `[object Object]`.
 */
export function scalarText(value: unknown, fallback = ''): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    default:
      return fallback;
  }
}
