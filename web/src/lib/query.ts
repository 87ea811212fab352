import {
  keepPreviousData,
  QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryKey,
  type UseMutationOptions,
} from '@tanstack/react-query';
import { ApiError } from './api';

/** A 4xx answer will not change by asking again (and AUTH_REQUIRED has already signed the person out). */
function worthRetrying(failures: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failures < 2;
}

/**
 * The one cache of server state in the browser (ADR 065). A page shows what it has and reads again when it mounts;
 * a save invalidates the keys it changed. Nothing is read again on window focus: staff fill long forms from
 * loaded data, and a silent re-read should not be what changes them.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: worthRetrying, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});

/**
 * Reads from the API under `key` (from `query-keys.ts`): `load` gets the query's AbortSignal, which the one API
 * client passes to fetch, so leaving a page or changing the key cancels the request. `keepPrevious` keeps the
 * last answer on screen while a new key (e.g. a new search) loads, with `isPlaceholderData` true meanwhile.
 */
export function useApiQuery<T>(
  key: QueryKey,
  load: (signal: AbortSignal) => Promise<T>,
  options: { enabled?: boolean; refetchInterval?: number; keepPrevious?: boolean } = {},
) {
  const { keepPrevious = false, ...rest } = options;
  return useQuery({
    queryKey: key,
    queryFn: ({ signal }) => load(signal),
    ...rest,
    ...(keepPrevious ? { placeholderData: keepPreviousData } : {}),
  });
}

/**
 * A write to the API; after it succeeds every key in `invalidates` (and everything under it) is read again by the
 * pages that show it. The caller's `onSuccess` runs after the invalidation has started.
 */
export function useApiMutation<TData, TVariables = void>(
  options: UseMutationOptions<TData, ApiError, TVariables> & { invalidates?: readonly QueryKey[] },
) {
  const client = useQueryClient();
  const { invalidates = [], onSuccess, ...rest } = options;
  return useMutation<TData, ApiError, TVariables>({
    ...rest,
    onSuccess: (...args) => {
      for (const queryKey of invalidates) void client.invalidateQueries({ queryKey });
      return onSuccess?.(...args);
    },
  });
}

/**
 * For a save made by a form that reports what it saved: `write(key, saved)` shows the saved data at once, then
 * `invalidate` reads the keys that depend on it again.
 */
export function useCacheWrite() {
  const client = useQueryClient();
  return <T>(key: QueryKey, data: T) => {
    client.setQueryData(key, data);
  };
}

/** For a save that is not (yet) a mutation, e.g. a form that reports what it created: read these keys again. */
export function useInvalidate() {
  const client = useQueryClient();
  return (...queryKeys: readonly QueryKey[]) => {
    for (const queryKey of queryKeys) void client.invalidateQueries({ queryKey });
  };
}
