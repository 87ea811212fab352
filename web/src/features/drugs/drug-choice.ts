import type { z } from 'zod';
import type { DrugSuggestions } from '@needlepoint/core/contracts/portal';

/** The coding system of a medication picked from the drug vocabulary. */
export const rxnormSystem = 'http://www.nlm.nih.gov/research/umls/rxnorm';

export type Suggestion = z.infer<typeof DrugSuggestions>['suggestions'][number];

/** A medication as typed: its name, and its RxNorm code and generic when the name was picked from the suggestions. */
export interface DrugChoice {
  name: string;
  rxnorm: string | null;
  generic?: string | undefined;
}

/** The choice after the name changes: coded when the name is a suggestion, uncoded when typed freely. */
export function chooseDrug(name: string, suggestions: readonly Suggestion[]): DrugChoice {
  const picked = suggestions.find((s) => s.name === name);
  return picked ? { name, rxnorm: picked.rxnorm, generic: picked.generic } : { name, rxnorm: null };
}

/** The codes a clinical entry keeps for a medication: the RxNorm code when there is one, any other codes unchanged. */
export function medicationCodes(
  choice: DrugChoice,
  previous: readonly { system: string; code: string; display?: string | undefined }[],
): { system: string; code: string; display?: string }[] {
  const others = previous
    .filter((c) => c.system !== rxnormSystem)
    .map((c) => ({ system: c.system, code: c.code, ...(c.display ? { display: c.display } : {}) }));
  return choice.rxnorm
    ? [{ system: rxnormSystem, code: choice.rxnorm, display: choice.generic ?? choice.name }, ...others]
    : others;
}

/** The choice an existing entry starts from: its name and its RxNorm code, if it has one. */
export function drugOfEntry(entry: {
  display: string;
  codes: readonly { system: string; code: string; display?: string | undefined }[];
}): DrugChoice {
  const coded = entry.codes.find((c) => c.system === rxnormSystem);
  return coded
    ? { name: entry.display, rxnorm: coded.code, ...(coded.display ? { generic: coded.display } : {}) }
    : { name: entry.display, rxnorm: null };
}
