import DataLoader from 'dataloader';

/**
 * Gathers the loads asked for while the app handles one round of ready sockets and runs them as one batch when
 * that round ends (`setImmediate`): requests that arrive together share one database round trip, and a request
 * that arrives alone waits for no one. Nothing is cached: every load reads the database again.
 */
export function batched<Key, Value>(
  load: (keys: readonly Key[]) => Promise<readonly (Value | Error)[]>,
): (key: Key) => Promise<Value> {
  const loader = new DataLoader<Key, Value>(load, {
    cache: false,
    maxBatchSize: 100,
    batchScheduleFn: (run) => setImmediate(run),
  });
  return (key) => loader.load(key);
}
