import { describe, expect, it } from 'vitest';
import { consentTextFor } from './texts';

const english = { title: 'Consent to microneedling', body: 'English body' };
const spanish = { title: 'Consentimiento para la micropunción', body: 'Texto en español', bodySha256: 'abc' };

describe('consentTextFor', () => {
  it.each([
    ['en', spanish, { language: 'en', title: english.title, body: english.body, englishOnly: false }],
    ['en', null, { language: 'en', title: english.title, body: english.body, englishOnly: false }],
    ['es', spanish, { language: 'es', title: spanish.title, body: spanish.body, englishOnly: false }],
    ['es', null, { language: 'en', title: english.title, body: english.body, englishOnly: true }],
  ] as const)('reading in %s with Spanish %o', (locale, es, expected) => {
    expect(consentTextFor({ ...english, spanish: es }, locale)).toEqual(expected);
  });
});
