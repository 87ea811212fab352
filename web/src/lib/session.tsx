import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { Permission } from '@needlepoint/core/auth/permissions';
import type { CurrentUser, SessionResponse } from '@needlepoint/core/contracts/auth';
import type { Ok } from '@needlepoint/core/contracts/common';
import { api, ApiError, onSessionProblem } from './api';
import { setClinicTimeZone } from './clinic-zone';

export interface Session {
  /** `undefined` while the first check runs, `null` when signed out. */
  user: CurrentUser | null | undefined;
  /** Set when the API said the session ended (timeout), so sign-in can say why. */
  endedReason: string | null;
  /** True after the user pressed "Sign out": sign-in then starts fresh instead of returning to the last page. */
  signedOutByUser: boolean;
  signedIn: (user: CurrentUser) => void;
  signOut: () => Promise<void>;
  refresh: () => Promise<void>;
  can: (permission: Permission) => boolean;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<CurrentUser | null | undefined>(undefined);
  const [endedReason, setEndedReason] = useState<string | null>(null);
  const [signedOutByUser, setSignedOutByUser] = useState(false);
  const userRef = useRef(user);
  // Before the children render, so the first paint already shows the clinic's times (an idempotent write).
  setClinicTimeZone(user?.clinicTimeZone);
  useEffect(() => {
    userRef.current = user;
  }, [user]);

  const refresh = useCallback(async () => {
    try {
      const { user } = await api.get<typeof SessionResponse>('/api/auth/me');
      setUser(user);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'AUTH_REQUIRED') setUser(null);
      else setUser((current) => current ?? null);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(
    () =>
      onSessionProblem((error) => {
        if (error.code === 'AUTH_REQUIRED') {
          if (userRef.current) setEndedReason('Your session ended. Please sign in again.');
          setUser(null);
        } else {
          void refresh();
        }
      }),
    [refresh],
  );

  const signedIn = useCallback((next: CurrentUser) => {
    setEndedReason(null);
    setSignedOutByUser(false);
    setUser(next);
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.post<typeof Ok>('/api/auth/logout');
    } catch {
      // Signed out either way: the cookie is cleared or the session had already ended.
    }
    setEndedReason(null);
    setSignedOutByUser(true);
    setUser(null);
  }, []);

  const value = useMemo<Session>(
    () => ({
      user,
      endedReason,
      signedOutByUser,
      signedIn,
      signOut,
      refresh,
      can: (permission) => Boolean(user?.permissions.includes(permission)),
    }),
    [user, endedReason, signedOutByUser, signedIn, signOut, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in user; only for pages rendered behind a guard. */
export function useUser(): CurrentUser {
  const { user } = useSession();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
}
