import { useSession } from '../../lib/session';
import { visibleNavItems } from './navigation';
import { Redirect } from '../../components/redirect';

/** `/`: where each role starts. */
export function HomeRedirect() {
  const { user } = useSession();
  if (!user) return <Redirect to="/sign-in" />;
  if (user.totpSetupRequired) return <Redirect to="/two-factor-setup" />;
  if (user.role === 'patient') return <Redirect to="/portal" />;
  const first = visibleNavItems(user.permissions)[0];
  return <Redirect to={first?.to ?? '/security'} />;
}
