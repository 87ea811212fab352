/**
 * Free-text normalisation and tolerant matching for vocabulary terms (drug names, brands, conditions).
 * Case-insensitive; diacritics, apostrophes and punctuation folded; small edit distance for drug names.
 */

const DIACRITICS = /[\u0300-\u036f]/g;
const APOSTROPHES = /['\u2018\u2019\u02bc`\u00b4]/g;
const NON_ALNUM = /[^a-z0-9]+/g;

/** "St. John’s Wört" -> "st johns wort"; "Retin-A" -> "retin a". */
export function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(DIACRITICS, '')
    .toLowerCase()
    .replace(APOSTROPHES, '')
    .replace(NON_ALNUM, ' ')
    .trim();
}

export function tokenize(text: string): string[] {
  const normalized = normalizeText(text);
  return normalized === '' ? [] : normalized.split(' ');
}

/** Optimal string alignment distance (Levenshtein plus adjacent transposition), stopping early past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i < rows; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j]! + 1, current[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, prevPrev[j - 2]! + 1);
      }
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = current;
  }
  return prev[cols - 1]!;
}

/** How many edits a misspelling of a name of this length may carry: none below 5 letters, 1 up to 6, else 2. */
export function allowedEdits(length: number): number {
  if (length < 5) return 0;
  if (length < 7) return 1;
  return 2;
}

export interface TermMatcher<T> {
  /** Every value whose term occurs in the text (exact token sequence, or a near-miss of a fuzzy single word). */
  find(text: string): T[];
}

interface PhraseEntry<T> {
  tokens: string[];
  value: T;
}

/**
 * Compiles terms once into an index by first token. `fuzzy` terms (single words, e.g. drug names) also match
 * words within `allowedEdits` of them, so "eliquise" and "xeralto" still find Eliquis and Xarelto.
 */
export function compileTermMatcher<T>(
  terms: Array<{ term: string; value: T; fuzzy: boolean }>,
): TermMatcher<T> {
  const byFirstToken = new Map<string, PhraseEntry<T>[]>();
  const fuzzyByLength = new Map<number, Array<{ word: string; value: T }>>();
  for (const { term, value, fuzzy } of terms) {
    const tokens = tokenize(term);
    if (tokens.length === 0) continue;
    const first = tokens[0]!;
    const list = byFirstToken.get(first) ?? [];
    list.push({ tokens, value });
    byFirstToken.set(first, list);
    if (fuzzy && tokens.length === 1 && allowedEdits(first.length) > 0) {
      const bucket = fuzzyByLength.get(first.length) ?? [];
      bucket.push({ word: first, value });
      fuzzyByLength.set(first.length, bucket);
    }
  }

  return {
    find(text: string): T[] {
      const tokens = tokenize(text);
      const found = new Set<T>();
      for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i]!;
        const phrases = byFirstToken.get(token);
        let exact = false;
        if (phrases) {
          for (const phrase of phrases) {
            if (phrase.tokens.every((t, k) => tokens[i + k] === t)) {
              found.add(phrase.value);
              exact = true;
            }
          }
        }
        if (exact) continue;
        const budget = allowedEdits(token.length);
        if (budget === 0) continue;
        for (let len = token.length - budget; len <= token.length + budget; len++) {
          for (const candidate of fuzzyByLength.get(len) ?? []) {
            const max = Math.min(budget, allowedEdits(candidate.word.length));
            if (max > 0 && editDistance(token, candidate.word, max) <= max) found.add(candidate.value);
          }
        }
      }
      return [...found];
    },
  };
}
