import { describe, expect, it } from 'vitest';
import { pickLocale } from './locale.js';

describe('pickLocale', () => {
  it.each([
    [['es-MX', 'en'], 'es'],
    [['fr', 'es'], 'es'],
    [['EN-gb'], 'en'],
    [['de', 'fr'], 'en'],
    [[], 'en'],
  ] as const)('%j -> %s', (preferences, expected) => {
    expect(pickLocale(preferences)).toBe(expected);
  });
});
