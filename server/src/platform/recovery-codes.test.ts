import { describe, expect, it } from 'vitest';
import { hashRecoveryCode, newRecoveryCodes, normalizeRecoveryCode } from './recovery-codes';

describe('recovery codes', () => {
  it('makes ten distinct codes of four groups of four base32 characters', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{4}(-[0-9a-hjkmnp-tv-z]{4}){3}$/);
  });

  it.each([
    ['ABCD-EFGH-JKMN-PQRS', 'abcdefghjkmnpqrs'],
    [' abcd efgh jkmn pqrs ', 'abcdefghjkmnpqrs'],
    ['o0il-1111-2222-3333', '0011111122223333'],
  ])('reads %j as %j', (typed, normal) => {
    expect(normalizeRecoveryCode(typed)).toBe(normal);
  });

  it('hashes a code the same however it is typed, and different codes differently', () => {
    const [a, b] = newRecoveryCodes(2);
    expect(hashRecoveryCode(a!.toUpperCase().replace(/-/g, ' '))).toBe(hashRecoveryCode(a!));
    expect(hashRecoveryCode(a!)).not.toBe(hashRecoveryCode(b!));
    expect(hashRecoveryCode(a!)).toMatch(/^[0-9a-f]{64}$/);
  });
});
