import { useEffect, useRef, type ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { queryClient } from './query';
import { useSession } from './session';

/**
 * Server state for the signed-in pages. It sits in the staff layout and, loaded lazily, in the portal layout, so
 * the portal's first page (the invitation) does not download it. When the person signed in changes (sign-out,
 * session ended, another account), the cache is emptied: nobody sees what the previous person read.
 */
export default function QueryProvider({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const userId = user?.id ?? null;
  const previous = useRef(userId);
  useEffect(() => {
    if (previous.current !== userId) queryClient.clear();
    previous.current = userId;
  }, [userId]);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
