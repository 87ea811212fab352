import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { DomainError } from '@needlepoint/core/errors';

/**
 * Passwords are refused when they are common or found in breach lists (zxcvbn-ts with its offline common
 * dictionaries: leaked-password ranks, names, keyboard patterns), easy to guess (score below 3 of 4), or built
 * on the person's own name or email. Nothing is fetched at run time.
 */
let checker: Promise<ZxcvbnFactory> | undefined;
/** Loaded on first use (about a second): commands that never set a password do not pay for the dictionaries. */
function loadChecker(): Promise<ZxcvbnFactory> {
  checker ??= (async () => {
    const [{ ZxcvbnFactory }, common] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
    ]);
    return new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
  })();
  return checker;
}

export const minimumPasswordScore = 3;

export interface PasswordOwner {
  name?: string | null | undefined;
  email?: string | null | undefined;
}

/** The pieces of a person's own identity a password must not be built on (3+ letters). */
function personalWords(owner: PasswordOwner): string[] {
  const words = new Set<string>();
  const add = (value: string) => {
    for (const part of value.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (part.length >= 3) words.add(part);
  };
  if (owner.name) add(owner.name);
  if (owner.email) {
    const [local = '', domain = ''] = owner.email.toLowerCase().split('@');
    if (local.length >= 3) words.add(local);
    add(local);
    add(domain.split('.')[0] ?? '');
  }
  return [...words];
}

/** Why a password is refused, or null when it is acceptable. */
export async function passwordProblem(password: string, owner: PasswordOwner = {}): Promise<string | null> {
  const lowered = password.toLowerCase();
  const own = personalWords(owner).filter((word) => word.length >= 4);
  if (own.some((word) => lowered.includes(word))) return 'It contains your name or email address';
  const result = (await loadChecker()).check(password, personalWords(owner));
  if (result.sequence.some((m) => m.pattern === 'dictionary' && m.dictionaryName === 'userInputs'))
    return 'It contains your name or email address';
  if (result.score < minimumPasswordScore) {
    const common = result.sequence.some(
      (m) => m.pattern === 'dictionary' && String(m.dictionaryName).startsWith('passwords'),
    );
    return common
      ? 'It is a common password, found in lists of leaked passwords'
      : 'It is too easy to guess; use a longer phrase of unrelated words';
  }
  return null;
}

/** Why a password is refused, as a word the portal turns into the patient's language (`details.reason`). */
export function passwordProblemReason(problem: string): 'personal' | 'common' | 'guessable' {
  if (problem.includes('name or email')) return 'personal';
  return problem.includes('common password') ? 'common' : 'guessable';
}

/**
 * Throws AUTH_PASSWORD_TOO_WEAK naming the field when the password is refused, with `details.reason`
 * (`personal`, `common`, `guessable`) so a page can say why in its reader's language.
 */
export async function requireStrongPassword(
  password: string,
  owner: PasswordOwner,
  field: string,
): Promise<void> {
  const problem = await passwordProblem(password, owner);
  if (problem) {
    throw new DomainError('AUTH_PASSWORD_TOO_WEAK', `Choose another password: ${problem.toLowerCase()}`, {
      fields: [{ path: field, message: problem }],
      details: { reason: passwordProblemReason(problem) },
    });
  }
}
