import { Badge } from '@mantine/core';
import type { AftercareAlertList } from '@needlepoint/core/contracts/aftercare';
import { AnchorLink } from '../../components/router-links';
import { api } from '../../lib/api';
import { useSession } from '../../lib/session';
import { useApiQuery } from '../../lib/query';
import { keys } from '../../lib/query-keys';

/** In the staff header: urgent check-ins alerted to this user and not yet acknowledged (checked every minute). */
export function AftercareAlertIndicator() {
  const { can } = useSession();
  return can('aftercare:read') ? <Indicator /> : null;
}

function Indicator() {
  // The same query as the triage page's alerts: acknowledging one there clears it here at once.
  const alerts = useApiQuery(
    keys.aftercare.alerts,
    (signal) => api.get<typeof AftercareAlertList>('/api/aftercare/alerts', undefined, signal),
    { refetchInterval: 60_000 },
  );
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
