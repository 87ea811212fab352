import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Database } from '../db/database';
import { countHit, forgetEndedWindows, readHits } from './rate-limits.repo';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

interface RouteInfo {
  routeInfo?: { method?: string; url?: string };
}

/**
 * A store for @fastify/rate-limit that keeps its counters in PostgreSQL, so a limit holds across every app
 * instance behind a proxy (ADR 043). Each route has its own counters, as with the plugin's in-memory store.
 */
export function postgresRateLimitStore(db: Database): FastifyRateLimitStoreCtor {
  let lastSweep = 0;
  const sweep = () => {
    // Ended windows are removed at most once a minute per instance, off the request's path.
    if (Date.now() - lastSweep < 60_000) return;
    lastSweep = Date.now();
    forgetEndedWindows(db.pool).catch(() => undefined);
  };

  class PostgresRateLimitStore {
    constructor(
      _options?: unknown,
      private readonly prefix = '',
    ) {}

    incr(key: string, callback: Callback, timeWindow: number): void {
      sweep();
      countHit(db.pool, this.prefix + key, timeWindow).then(
        ({ hits, ttlMs }) => callback(null, { current: hits, ttl: ttlMs }),
        (error: Error) => callback(error),
      );
    }

    read(key: string, callback: Callback): void {
      readHits(db.pool, this.prefix + key).then(
        ({ hits, ttlMs }) => callback(null, { current: hits, ttl: ttlMs }),
        (error: Error) => callback(error),
      );
    }

    child(route: RouteInfo & object): PostgresRateLimitStore {
      return new PostgresRateLimitStore(
        undefined,
        `${route.routeInfo?.method ?? ''} ${route.routeInfo?.url ?? ''} `,
      );
    }
  }
  return PostgresRateLimitStore;
}
