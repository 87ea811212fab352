import type { DrugConcept } from './knowledge.schema';

export interface DrugSuggestion {
  /** What the patient picks: a generic or brand name. */
  name: string;
  /** The generic name behind a brand, for display ("Eliquis (apixaban)"). */
  generic: string;
  conceptId: string;
  /** The ingredient's RxNorm code when the knowledge base has one. */
  rxnorm: string | null;
}

const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Typeahead over the knowledge base's drug vocabulary: prefix matches on any word, brands and generics. */
export function suggestDrugs(drugs: readonly DrugConcept[], query: string, limit = 10): DrugSuggestion[] {
  const q = fold(query);
  if (q.length < 2) return [];
  const found: { s: DrugSuggestion; rank: number }[] = [];
  for (const drug of drugs) {
    const generic = drug.terms?.[0] ?? drug.id;
    const names = [...(drug.terms ?? []), ...(drug.brands ?? [])];
    for (const name of names) {
      const folded = fold(name);
      const rank = folded.startsWith(q) ? 0 : folded.split(' ').some((w) => w.startsWith(q)) ? 1 : -1;
      if (rank < 0) continue;
      found.push({ s: { name, generic, conceptId: drug.id, rxnorm: drug.rxnorm?.[0] ?? null }, rank });
    }
  }
  const seen = new Set<string>();
  return found
    .sort((a, b) => a.rank - b.rank || a.s.name.length - b.s.name.length || a.s.name.localeCompare(b.s.name))
    .filter(({ s }) => !seen.has(s.name.toLowerCase()) && seen.add(s.name.toLowerCase()))
    .slice(0, limit)
    .map(({ s }) => s);
}
