import type { ScaleDefinition, ScaleId, ScaleItem } from './scale.schema';

/**
 * A clinic's licensed, validated translation of a patient-scored scale (ADR 067, ADR 069). The clinic enters it;
 * we never write one. It is a flat map from a key naming each piece of words in the scale (`name`, `item.pain`,
 * `item.rating.choice.1`, `item.rating.choice.1.description`, `group.Your scar`) to the validated wording.
 */
export const translatableScaleIds = ['gais-subject', 'posas-patient'] as const satisfies readonly ScaleId[];
export type TranslatableScaleId = (typeof translatableScaleIds)[number];

export const isTranslatableScale = (id: ScaleId): id is TranslatableScaleId =>
  (translatableScaleIds as readonly string[]).includes(id);

export type ValidatedTexts = Record<string, string>;

/** Words only: a bare number ("7") is the same in every language and has no key. */
const hasWords = (text: string | undefined): text is string => !!text && /\p{L}/u.test(text);

/** Every piece of words a patient reads in the scale, with its English (the validated original). */
export function textKeysOf(scale: ScaleDefinition): { key: string; english: string }[] {
  const keys: { key: string; english: string }[] = [{ key: 'name', english: scale.name }];
  const groups = new Set<string>();
  const add = (key: string, english: string | undefined) => {
    if (hasWords(english)) keys.push({ key, english });
  };
  for (const item of scale.items) {
    if (item.group && !groups.has(item.group)) {
      groups.add(item.group);
      add(`group.${item.group}`, item.group);
    }
    add(`item.${item.id}`, item.label);
    add(`item.${item.id}.help`, item.help);
    if (item.kind === 'choice') {
      for (const choice of item.choices) {
        add(`item.${item.id}.choice.${choice.value}`, choice.label);
        add(`item.${item.id}.choice.${choice.value}.description`, choice.description);
      }
    }
  }
  return keys;
}

/** What is wrong with a text for `scale`: each key missing or empty, and each key the scale does not have. */
export function validatedTextIssues(scale: ScaleDefinition, texts: ValidatedTexts): string[] {
  const keys = textKeysOf(scale).map((k) => k.key);
  return [
    ...keys.filter((key) => !texts[key]?.trim()).map((key) => `${key}: the validated wording is missing`),
    ...Object.keys(texts)
      .filter((key) => !keys.includes(key))
      .map((key) => `${key}: the scale has no such text`),
  ];
}

/** The scale with the validated wording in place of the English; scoring, ids and values are unchanged. */
export function withValidatedText(scale: ScaleDefinition, texts: ValidatedTexts): ScaleDefinition {
  const pick = (key: string, english: string) => (hasWords(english) ? (texts[key] ?? english) : english);
  const group = (name: string | undefined) =>
    name === undefined ? {} : { group: pick(`group.${name}`, name) };
  const items = scale.items.map((item): ScaleItem => {
    const help = item.help === undefined ? {} : { help: pick(`item.${item.id}.help`, item.help) };
    const common = { label: pick(`item.${item.id}`, item.label), ...group(item.group), ...help };
    if (item.kind !== 'choice') return { ...item, ...common };
    return {
      ...item,
      ...common,
      choices: item.choices.map((c) => ({
        ...c,
        label: pick(`item.${item.id}.choice.${c.value}`, c.label),
        ...(c.description === undefined
          ? {}
          : { description: pick(`item.${item.id}.choice.${c.value}.description`, c.description) }),
      })),
    };
  });
  return { ...scale, name: pick('name', scale.name), items };
}
