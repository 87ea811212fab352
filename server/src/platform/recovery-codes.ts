import { createHash, randomBytes } from 'node:crypto';

/** How many one-time recovery codes a user gets each time they are made. */
export const recoveryCodeCount = 10;

// Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand is not mistaken.
const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';

/** `xxxx-xxxx-xxxx-xxxx`: 16 characters of 5 random bits each (80 bits). */
export function newRecoveryCode(): string {
  const bytes = randomBytes(16);
  let code = '';
  for (let i = 0; i < 16; i++) code += alphabet[bytes[i]! & 31];
  return code.replace(/(.{4})(?=.)/g, '$1-');
}

export function newRecoveryCodes(count = recoveryCodeCount): string[] {
  return Array.from({ length: count }, newRecoveryCode);
}

/** The code as typed: case, spaces and dashes do not matter; o reads as 0 and i or l as 1. */
export function normalizeRecoveryCode(input: string): string {
  return input
    .toLowerCase()
    .replace(/[\s-]+/g, '')
    .replace(/o/g, '0')
    .replace(/[il]/g, '1');
}

/** What is stored: the SHA-256 of the normalized code (80 random bits need no slow hash). */
export function hashRecoveryCode(input: string): string {
  return createHash('sha256').update(normalizeRecoveryCode(input)).digest('hex');
}
