import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

/** One catalog per language: message key -> ICU message. */
export type Catalogs = Record<string, Record<string, string>>;

/** A key found in source code, and where. */
export interface KeyUse {
  key: string;
  file: string;
}

export interface CatalogProblem {
  key: string;
  problem: string;
}

// `t('email.greeting')`, `t.rich(…)`, `translator(…).t("…")`: a dotted key as the first argument of t.
const keyUses = /\bt(?:\.rich)?\(\s*(['"])([A-Za-z][\w-]*(?:\.[\w-]+)+)\1/g;

/** The literal message keys a source file uses (keys built at run time are checked by the type checker). */
export function findUsedKeys(source: string): string[] {
  return [...source.matchAll(keyUses)].map((match) => match[2] as string);
}

/** The argument names of an ICU message (`{name}`, `{n, plural, …}`, `<b>…</b>`), or the parse error. */
export function messageArguments(message: string): { names: string[] } | { error: string } {
  let elements: MessageFormatElement[];
  try {
    elements = parse(message);
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  const names = new Set<string>();
  const walk = (list: MessageFormatElement[]) => {
    for (const element of list) {
      if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
      names.add(element.value);
      if (element.type === TYPE.tag) walk(element.children);
      if (element.type === TYPE.plural || element.type === TYPE.select)
        for (const option of Object.values(element.options)) walk(option.value);
    }
  };
  walk(elements);
  return { names: [...names].sort() };
}

/**
 * Everything wrong with one set of catalogs (one per language) and the keys code uses: a key missing in a
 * language, a key used but in no catalog, a message that does not parse, or languages that take different
 * arguments (a Spanish message that drops `{startsAt}` would silently lose the date).
 */
export function checkCatalogs(catalogs: Catalogs, uses: readonly KeyUse[]): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const languages = Object.keys(catalogs).sort();
  const allKeys = new Set(languages.flatMap((language) => Object.keys(catalogs[language] ?? {})));

  for (const key of [...allKeys].sort()) {
    const present = languages.filter((language) => Object.hasOwn(catalogs[language] ?? {}, key));
    for (const language of languages)
      if (!present.includes(language)) problems.push({ key, problem: `missing in ${language}` });

    const argumentsByLanguage = present.map((language) => {
      const message = catalogs[language]?.[key] ?? '';
      const parsed = messageArguments(message);
      if ('error' in parsed)
        problems.push({ key, problem: `${language} is not a valid ICU message (${parsed.error})` });
      return { language, names: 'names' in parsed ? parsed.names.join(', ') : null };
    });
    const valid = argumentsByLanguage.filter((entry) => entry.names !== null);
    const first = valid[0];
    for (const other of valid.slice(1))
      if (first && other.names !== first.names)
        problems.push({
          key,
          problem: `arguments differ: ${first.language} {${first.names}} but ${other.language} {${other.names}}`,
        });
  }

  const reported = new Set<string>();
  for (const use of uses) {
    if (allKeys.has(use.key) || reported.has(use.key)) continue;
    reported.add(use.key);
    problems.push({ key: use.key, problem: `used in ${use.file} but in no catalog` });
  }
  return problems;
}
