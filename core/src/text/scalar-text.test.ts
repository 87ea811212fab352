import { describe, expect, it } from 'vitest';
import { scalarText } from './scalar-text';

describe('scalarText', () => {
  it.each([
    ['text', '', 'text'],
    [42, '', '42'],
    [false, '', 'false'],
    [null, 'none', 'none'],
    [undefined, '?', '?'],
    [{ a: 1 }, '', ''],
    [['a'], 'x', 'x'],
  ])('%j with fallback %j reads %j', (value, fallback, text) => {
    expect(scalarText(value, fallback)).toBe(text);
  });

  it('writes a bigint as its digits', () => {
    expect(scalarText(10n)).toBe('10');
  });
});
