import { useEffect, useState } from 'react';
import { BookingList } from '@needlepoint/core/contracts/bookings';
import { StaffUserList } from '@needlepoint/core/contracts/users';
import { addDays, localDate } from '@needlepoint/core/scheduling/time-zone';
import { api } from '../../lib/api';
import { useSession } from '../../lib/session';
import { windowUtc } from './schedule-lib';

export interface ProviderRef {
  id: string;
  name: string;
}

/**
 * The clinic's providers. There is no provider list for schedule roles, so: the user list for the owner, otherwise
 * the providers seen in bookings from a month back to two months ahead, plus the signed-in provider.
 */
export function useProviders(timeZone: string | undefined, seen: ProviderRef[] = []): ProviderRef[] {
  const { user, can } = useSession();
  const [known, setKnown] = useState<ProviderRef[]>([]);
  useEffect(() => {
    if (!timeZone) return;
    const controller = new AbortController();
    const load = can('users:manage')
      ? api
          .get('/api/users', StaffUserList, undefined, controller.signal)
          .then((list) =>
            list.users
              .filter((u) => u.role === 'provider' && u.active)
              .map((u) => ({ id: u.id, name: u.name })),
          )
      : (() => {
          const today = localDate(Date.now(), timeZone);
          return api
            .get(
              '/api/bookings',
              BookingList,
              { ...windowUtc(addDays(today, -30), addDays(today, 60), timeZone), includeCancelled: 'true' },
              controller.signal,
            )
            .then((list) => list.bookings.map((b) => ({ id: b.providerId, name: b.providerName })));
        })();
    load.then(
      (providers) => setKnown(providers),
      () => undefined,
    );
    return () => controller.abort();
  }, [timeZone, can]);
  const byId = new Map<string, ProviderRef>();
  if (user?.role === 'provider') byId.set(user.id, { id: user.id, name: user.name });
  for (const p of [...known, ...seen]) if (!byId.has(p.id)) byId.set(p.id, p);
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}
