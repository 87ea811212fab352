import { generate, generateSecret, generateURI, verify } from 'otplib';

const periodSeconds = 30;

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, account: string): string {
  return generateURI({ issuer: 'Needlepoint', label: account, secret });
}

/**
 * Accepts the current code and one step either side, for clock drift between phone and server.
 * Returns the time step the code belongs to (to refuse its reuse), or null when it does not match.
 */
export async function checkTotp(secret: string, token: string, at: Date): Promise<number | null> {
  const epoch = Math.floor(at.getTime() / 1000);
  const result = await verify({ secret, token, epoch, epochTolerance: periodSeconds });
  if (!result.valid) return null;
  return Math.floor(epoch / periodSeconds) + result.delta;
}

export function totpNow(secret: string, at: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
}

/** The code of one time step (tests sign in twice within 30 s with the next step's code). */
export function totpAtStep(secret: string, step: number): Promise<string> {
  return generate({ secret, epoch: step * periodSeconds });
}

export function totpStepOf(at: Date): number {
  return Math.floor(at.getTime() / 1000 / periodSeconds);
}
