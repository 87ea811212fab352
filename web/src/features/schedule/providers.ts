import type { ProviderList } from '@needlepoint/core/contracts/scheduling';
import { api } from '../../lib/api';
import { useApiQuery } from '../../lib/query';
import { keys } from '../../lib/query-keys';

export interface ProviderRef {
  id: string;
  name: string;
}

/**
 * The clinic's active providers (`GET /api/providers`), plus any provider seen in bookings on screen (e.g. one
 * deactivated since), sorted by name.
 */
export function useProviders(seen: ProviderRef[] = []): ProviderRef[] {
  const list = useApiQuery(keys.schedule.providers, (signal) =>
    api.get<typeof ProviderList>('/api/providers', undefined, signal),
  );
  const byId = new Map<string, ProviderRef>();
  for (const p of [...(list.data?.providers ?? []), ...seen]) if (!byId.has(p.id)) byId.set(p.id, p);
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

const titles = new Set([
  'dr',
  'dr.',
  'mr',
  'mr.',
  'mrs',
  'mrs.',
  'ms',
  'ms.',
  'mx',
  'prof',
  'prof.',
  'nurse',
]);

/**
 * A provider's name short enough for a slot button: titles dropped, the first name and the family name's
 * initial (`Dr Ana Ruiz` → `Ana R.`); a single word stays whole.
 */
export function shortProviderName(name: string | undefined): string {
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
  const rest = words.filter((w, i) => !(titles.has(w.toLowerCase()) && i < words.length - 1));
  if (rest.length <= 1) return rest[0] ?? '';
  return `${rest[0]} ${rest[rest.length - 1]!.charAt(0)}.`;
}
