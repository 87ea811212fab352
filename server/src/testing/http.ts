import type { FastifyInstance } from 'fastify';
import { totpAtStep, totpStepOf } from '../platform/totp';
import type { TestUser } from './factories';

/** The last TOTP step each test user signed in with: a code is accepted once, so the next sign-in uses a later step. */
const lastStep = new Map<string, number>();

/**
 * The next unused TOTP code for `secret` at `at` (the server accepts one step either side). The previous step's
 * code gives a third sign-in within 30 s, but it expires when the current step ends: late in a step (a browser
 * on a busy machine may take seconds to send the code) it starts from the current step instead.
 */
export async function nextTotp(secret: string, at: Date = new Date()): Promise<string> {
  const now = totpStepOf(at);
  const lateInStep = totpStepOf(new Date(at.getTime() + 10_000)) > now;
  const step = Math.max(lateInStep ? now : now - 1, (lastStep.get(secret) ?? -Infinity) + 1);
  if (step > now + 1) throw new Error('more than three sign-ins of one user within 30 s');
  lastStep.set(secret, step);
  return totpAtStep(secret, step);
}

/** Signs `user` in through the real login route and returns the session cookie header. */
export async function signInCookie(
  app: FastifyInstance,
  user: TestUser,
  at: Date = new Date(),
): Promise<string> {
  const payload: Record<string, string> = { email: user.email, password: user.password };
  if (user.totpSecret) payload.totp = await nextTotp(user.totpSecret, at);
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'np_session');
  if (!cookie) throw new Error('no session cookie');
  return `np_session=${cookie.value}`;
}
