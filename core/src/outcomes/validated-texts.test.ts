import { describe, expect, it } from 'vitest';
import { scales } from './scales';
import { textKeysOf, validatedTextIssues, withValidatedText, type ValidatedTexts } from './validated-texts';

/** A stand-in "validated" text: every key's English marked, so a test can see each one was replaced. */
const marked = (id: 'gais-subject' | 'posas-patient'): ValidatedTexts =>
  Object.fromEntries(textKeysOf(scales[id]).map(({ key, english }) => [key, `ES ${english}`]));

describe('textKeysOf', () => {
  it.each([
    ['gais-subject', ['name', 'item.rating', 'item.rating.choice.1', 'item.rating.choice.1.description'], 12],
    [
      'posas-patient',
      ['name', 'group.Your scar', 'item.pain', 'item.overall', 'item.pain.choice.1.description'],
      24,
    ],
  ] as const)('lists the words of %s', (id, some, count) => {
    const keys = textKeysOf(scales[id]).map((k) => k.key);
    expect(keys).toEqual(expect.arrayContaining([...some]));
    expect(keys).toHaveLength(count);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('leaves out bare numbers, which read the same in every language', () => {
    expect(textKeysOf(scales['posas-patient']).map((k) => k.key)).not.toContain('item.pain.choice.2');
  });
});

describe('validatedTextIssues', () => {
  it.each([
    ['complete', marked('posas-patient'), []],
    [
      'one missing',
      { ...marked('posas-patient'), 'item.itch': ' ' },
      ['item.itch: the validated wording is missing'],
    ],
    [
      'one unknown',
      { ...marked('posas-patient'), 'item.smell': 'Olor' },
      ['item.smell: the scale has no such text'],
    ],
  ] as const)('%s', (_, texts, issues) => {
    expect(validatedTextIssues(scales['posas-patient'], texts)).toEqual(issues);
  });
});

describe('withValidatedText', () => {
  it('replaces every word the patient reads and keeps ids, values and scoring', () => {
    for (const id of ['gais-subject', 'posas-patient'] as const) {
      const scale = withValidatedText(scales[id], marked(id));
      for (const { english } of textKeysOf(scale)) expect(english, id).toMatch(/^ES /);
      expect(scale.items.map((i) => i.id)).toEqual(scales[id].items.map((i) => i.id));
      const values = Object.fromEntries(scale.items.map((i) => [i.id, 1]));
      expect(scale.score(values, {} as never)).toEqual(scales[id].score(values, {} as never));
    }
    const posas = withValidatedText(scales['posas-patient'], marked('posas-patient'));
    const pain = posas.items.find((i) => i.id === 'pain')!;
    expect(pain.kind === 'choice' && pain.choices.map((c) => c.label).slice(0, 2)).toEqual(['1', '2']);
  });
});
