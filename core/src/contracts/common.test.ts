import { describe, expect, it } from 'vitest';
import { findUnsafeText, isSafeText, Text } from './common';

describe('safe text: what PostgreSQL can store as text and as JSON', () => {
  it.each([
    ['plain', 'Ana Ruiz', true],
    ['accents and CJK', 'José 山田', true],
    ['an emoji (a surrogate pair)', 'ok 😀', true],
    ['empty', '', true],
    ['a NUL character', 'a\u0000b', false],
    ['a lone high surrogate', 'a\ud800b', false],
    ['a lone high surrogate at the end', 'a\ud83d', false],
    ['a lone low surrogate', '\udc00a', false],
    ['two high surrogates', '\ud800\ud800', false],
  ])('%s', (_name, value, safe) => {
    expect(isSafeText(value)).toBe(safe);
    expect(Text.safeParse(value).success).toBe(safe);
  });

  it('names where unsafe text sits in nested input, keys included', () => {
    expect(findUnsafeText({ a: ['x', { b: 'y\u0000' }] })).toBe('a.1.b');
    expect(findUnsafeText({ ['k\ud800']: 1 })).toBe('(key)');
    expect(findUnsafeText({ a: 1, b: [true, null, 'fine 😀'] })).toBeNull();
    expect(findUnsafeText('\u0000')).toBe('');
  });

  it('walks deep nesting without overflowing the stack', () => {
    let deep: unknown = 'bad\u0000';
    for (let i = 0; i < 20_000; i++) deep = [deep];
    expect(findUnsafeText(deep)).toMatch(/^0(\.0)*$/);
  });
});
