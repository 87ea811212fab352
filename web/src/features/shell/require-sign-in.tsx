import type { ReactNode } from 'react';
import { useLocation } from '@tanstack/react-router';
import { useSession } from '../../lib/session';
import { Redirect } from '../../components/redirect';

/** Sends a signed-out visitor to sign-in (and back afterwards), and an owner without 2FA to enrolment. */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const { user, signedOutByUser } = useSession();
  const location = useLocation();
  if (!user) {
    return <Redirect to="/sign-in" search={signedOutByUser ? {} : { redirect: location.href }} />;
  }
  if (user.totpSetupRequired) return <Redirect to="/two-factor-setup" />;
  return children;
}
