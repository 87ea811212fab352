import { generate, generateSecret, generateURI, verify } from 'otplib';

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, account: string): string {
  return generateURI({ issuer: 'Needlepoint', label: account, secret });
}

/** Accepts the current code and one step either side, for clock drift between phone and server. */
export async function checkTotp(secret: string, token: string, at: Date): Promise<boolean> {
  const result = await verify({ secret, token, epoch: Math.floor(at.getTime() / 1000), epochTolerance: 30 });
  return result.valid;
}

export function totpNow(secret: string, at: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
}
