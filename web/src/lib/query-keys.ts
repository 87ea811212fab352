/**
 * Every query key of the web app, by area (ADR 065). A key starts with its area, so a save can invalidate one
 * list (`keys.users.list`) or a whole area (`keys.inventory.all`); a key that takes arguments lists them after
 * the area's name, so each filter or patient has its own cache entry.
 */
export const keys = {
  clinic: {
    settings: ['clinic', 'settings'] as const,
  },
  audit: {
    all: ['audit'] as const,
    events: (filters: { action?: string; from?: string; to?: string }) =>
      ['audit', 'events', filters] as const,
    verification: ['audit', 'verification'] as const,
  },
  users: {
    list: ['users', 'list'] as const,
  },
  fhirClients: {
    list: ['fhir-clients', 'list'] as const,
  },
};
