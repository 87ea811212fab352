import { useCallback, useEffect, useState } from 'react';

export type Loadable<T> =
  | { status: 'loading'; data: T | undefined; error: undefined }
  | { status: 'ok'; data: T; error: undefined }
  | { status: 'error'; data: T | undefined; error: unknown };

/**
 * Loads data with `load(signal)` whenever `key` changes; the previous request is aborted.
 * `reload()` fetches again; `setData` replaces the data after a successful save.
 */
export function useApi<T>(
  load: (signal: AbortSignal) => Promise<T>,
  key: readonly unknown[],
): Loadable<T> & { reload: () => void; setData: (data: T) => void } {
  const [state, setState] = useState<Loadable<T>>({ status: 'loading', data: undefined, error: undefined });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ status: 'loading', data: s.data, error: undefined }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ok', data, error: undefined });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState((s) => ({ status: 'error', data: s.data, error }));
      },
    );
    return () => controller.abort();
    // `key` lists what `load` depends on (callers pass a new `load` closure on every render).
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's key stands for load's dependencies
  }, [...key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const setData = useCallback((data: T) => setState({ status: 'ok', data, error: undefined }), []);
  return { ...state, reload, setData };
}
