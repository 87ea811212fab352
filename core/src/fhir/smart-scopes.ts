/**
 * SMART App Launch v2 system scopes (`system/Patient.rs`, `system/*.r`), with the v1 forms (`system/*.read`)
 * read as their v2 equivalents. Only read (r) and search (s) exist on this server's open API.
 */

export type ScopeLetter = 'c' | 'r' | 'u' | 'd' | 's';
export interface SystemScope {
  /** A resource type, or `*` for every type. */
  type: string;
  letters: ReadonlySet<ScopeLetter>;
}

const letterOrder: ScopeLetter[] = ['c', 'r', 'u', 'd', 's'];
const v1: Record<string, ScopeLetter[]> = { read: ['r', 's'], write: ['c', 'u', 'd'], '*': letterOrder };

/** Parses one scope; anything that is not a system scope (openid, patient/..., user/...) is undefined. */
export function parseSystemScope(scope: string): SystemScope | undefined {
  const m = /^system\/(\*|[A-Z][A-Za-z]+)\.([a-z*]+)(\?.*)?$/.exec(scope);
  if (!m || m[3]) return undefined; // scopes narrowed by query parameters are not granted
  const spec = m[2]!;
  const letters = v1[spec] ?? (/^c?r?u?d?s?$/.test(spec) && spec !== '' ? [...spec] : undefined);
  if (!letters) return undefined;
  return { type: m[1]!, letters: new Set(letters as ScopeLetter[]) };
}

export function parseScopes(text: string): SystemScope[] {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .map(parseSystemScope)
    .filter((s): s is SystemScope => !!s);
}

export function formatScope(scope: SystemScope): string {
  return `system/${scope.type}.${letterOrder.filter((l) => scope.letters.has(l)).join('')}`;
}

/** Whether the scopes allow `letter` on `type`. */
export function scopeAllows(scopes: readonly SystemScope[], type: string, letter: ScopeLetter): boolean {
  return scopes.some((s) => (s.type === '*' || s.type === type) && s.letters.has(letter));
}

/**
 * What a token gets: each requested scope narrowed to what the client was registered for (letters on the same
 * type, or under a `*` registration). Scopes that end up empty are dropped.
 */
export function grantScopes(
  requested: readonly SystemScope[],
  allowed: readonly SystemScope[],
): SystemScope[] {
  const granted = new Map<string, Set<ScopeLetter>>();
  const add = (type: string, letters: Iterable<ScopeLetter>) => {
    const set = granted.get(type) ?? new Set<ScopeLetter>();
    for (const l of letters) set.add(l);
    if (set.size > 0) granted.set(type, set);
  };
  for (const want of requested) {
    for (const have of allowed) {
      const common = [...want.letters].filter((l) => have.letters.has(l));
      if (have.type === '*' || have.type === want.type) add(want.type, common);
      else if (want.type === '*') add(have.type, common); // asked for everything, registered for one type
    }
  }
  return [...granted].map(([type, letters]) => ({ type, letters }));
}
