import { Badge } from '@mantine/core';
import { useEffect } from 'react';
import type { AftercareAlertList } from '@needlepoint/core/contracts/aftercare';
import { AnchorLink } from '../../components/router-links';
import { api } from '../../lib/api';
import { useSession } from '../../lib/session';
import { useApi } from '../../lib/use-api';

/** In the staff header: urgent check-ins alerted to this user and not yet acknowledged (checked every minute). */
export function AftercareAlertIndicator() {
  const { can } = useSession();
  return can('aftercare:read') ? <Indicator /> : null;
}

function Indicator() {
  const alerts = useApi(
    (signal) => api.get<typeof AftercareAlertList>('/api/aftercare/alerts', undefined, signal),
    [],
  );
  const { reload } = alerts;
  useEffect(() => {
    const timer = window.setInterval(reload, 60_000);
    return () => window.clearInterval(timer);
  }, [reload]);
  const open = alerts.data?.alerts.filter((a) => !a.acknowledgedAt).length ?? 0;
  if (open === 0) return null;
  return (
    <AnchorLink to="/aftercare" underline="never" data-testid="aftercare-alert-indicator">
      <Badge color="red" variant="filled" size="lg">
        {open === 1 ? '1 urgent check-in' : `${open} urgent check-ins`}
      </Badge>
    </AnchorLink>
  );
}
