import type { FastifyInstance } from 'fastify';
import { totpNow } from '../platform/totp';
import type { TestUser } from './factories';

/** Signs `user` in through the real login route and returns the session cookie header. */
export async function signInCookie(
  app: FastifyInstance,
  user: TestUser,
  at: Date = new Date(),
): Promise<string> {
  const payload: Record<string, string> = { email: user.email, password: user.password };
  if (user.totpSecret) payload.totp = await totpNow(user.totpSecret, at);
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'np_session');
  if (!cookie) throw new Error('no session cookie');
  return `np_session=${cookie.value}`;
}
