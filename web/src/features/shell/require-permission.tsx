import type { ReactNode } from 'react';
import type { Permission } from '@needlepoint/core/auth/permissions';
import { NotAllowed } from '../../components/not-allowed';
import { useSession } from '../../lib/session';

/** Renders `children` only for a role with `permission`; otherwise a "Not allowed" message. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { can } = useSession();
  return can(permission) ? children : <NotAllowed />;
}
