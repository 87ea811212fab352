/**
 * Every query key of the web app, by area (ADR 065). A key starts with its area, so a save can invalidate one
 * list (`keys.users.list`) or a whole area (`keys.inventory.all`); a key that takes arguments lists them after
 * the area's name, so each filter or patient has its own cache entry.
 */
export const keys = {
  clinic: {
    all: ['clinic'] as const,
    settings: ['clinic', 'settings'] as const,
    screening: ['clinic', 'screening-settings'] as const,
    consentDocuments: ['clinic', 'consent-documents'] as const,
  },
  schedule: {
    /** Everything the calendar shows: a booking change invalidates this (bookings, Today, slots, waitlist). */
    all: ['schedule'] as const,
    bookings: (filters: { from: string; to: string; includeCancelled?: string; patientId?: string }) =>
      ['schedule', 'bookings', filters] as const,
    slots: (search: Record<string, string | undefined>) => ['schedule', 'slots', search] as const,
    waitlist: ['schedule', 'waitlist'] as const,
    providers: ['schedule', 'providers'] as const,
    rooms: ['schedule', 'rooms'] as const,
    devices: ['schedule', 'devices'] as const,
    serviceTypes: ['schedule', 'service-types'] as const,
    workingHours: (providerId: string) => ['schedule', 'working-hours', providerId] as const,
    timeOff: (window: { from: string; to: string }) => ['schedule', 'time-off', window] as const,
    /** Whether the sessions in a window were charted and signed (schedule-level, nothing clinical). */
    charting: (window: { from: string; to: string }) => ['schedule', 'charting', window] as const,
  },
  patients: {
    all: ['patients'] as const,
    search: (filters: { q?: string; limit?: number; offset?: number; archived?: string }) =>
      ['patients', 'search', filters] as const,
    /** Everything about one patient on the record: a save to the patient invalidates this. */
    patient: (patientId: string) => ['patients', patientId] as const,
    record: (patientId: string) => ['patients', patientId, 'record'] as const,
    history: (patientId: string) => ['patients', patientId, 'history'] as const,
    consents: (patientId: string) => ['patients', patientId, 'consents'] as const,
    intakes: (patientId: string) => ['patients', patientId, 'intakes'] as const,
    invitations: (patientId: string) => ['patients', patientId, 'invitations'] as const,
    duplicates: (patientId: string) => ['patients', patientId, 'duplicates'] as const,
    messages: (patientId: string) => ['patients', patientId, 'messages'] as const,
  },
  plans: {
    /** Every plan on screen: a plan or booking change invalidates this. */
    all: ['plans'] as const,
    /** One patient's plans, the one list the plans panel and the new booking read. */
    patient: (patientId: string) => ['plans', 'patient', patientId] as const,
    templates: ['plans', 'templates'] as const,
  },
  education: {
    all: ['education'] as const,
    articles: ['education', 'articles'] as const,
    history: (articleId: string) => ['education', 'history', articleId] as const,
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
  inventory: {
    all: ['inventory'] as const,
    products: ['inventory', 'products'] as const,
    lots: ['inventory', 'lots'] as const,
    alerts: ['inventory', 'alerts'] as const,
    recall: (lot: string) => ['inventory', 'recall', lot] as const,
  },
  adverseEvents: {
    all: ['adverse-events'] as const,
    list: ['adverse-events', 'list'] as const,
    report: ['adverse-events', 'report'] as const,
  },
  screening: {
    /** The clinic's work list: latest screenings with open findings. */
    queue: ['screening', 'queue'] as const,
    patient: (patientId: string) => ['screening', 'patient', patientId] as const,
  },
  outcomes: {
    all: ['outcomes'] as const,
    report: ['outcomes', 'report'] as const,
    plan: (planId: string) => ['outcomes', 'plan', planId] as const,
    /** The patient's own scores in the portal. */
    own: ['outcomes', 'own'] as const,
  },
  photos: {
    all: ['photos'] as const,
    /** Everything about one patient's photos: a new or changed photo invalidates this. */
    patient: (patientId: string) => ['photos', patientId] as const,
    list: (patientId: string) => ['photos', patientId, 'list'] as const,
    comparisons: (patientId: string) => ['photos', patientId, 'comparisons'] as const,
    guide: (patientId: string, view: string) => ['photos', patientId, 'guide', view] as const,
    /** The patient's sessions a photo can belong to (from the calendar). */
    sessions: (patientId: string, canReadSchedule: boolean) =>
      ['photos', patientId, 'sessions', canReadSchedule] as const,
  },
  aftercare: {
    /** The signed-in user's urgent alerts (the header badge and the triage page). */
    alerts: ['aftercare', 'alerts'] as const,
    queues: ['aftercare', 'queue'] as const,
    queue: (status: 'open' | 'all') => ['aftercare', 'queue', status] as const,
    /** The patient's own check-in state and timeline in the portal. */
    portal: ['aftercare', 'portal'] as const,
    /** Every language's copy of the patient's timeline: a booking made, moved or cancelled changes it. */
    timelines: ['aftercare', 'timeline'] as const,
    timeline: (language: string) => ['aftercare', 'timeline', language] as const,
  },
  /** The signed-in patient's own portal pages (a booking, consent or intake change invalidates its key). */
  portal: {
    me: ['portal', 'me'] as const,
    intake: ['portal', 'intake'] as const,
    consents: ['portal', 'consents'] as const,
    photos: ['portal', 'photos'] as const,
    plans: ['portal', 'plans'] as const,
    bookings: ['portal', 'bookings'] as const,
    /** Every slot search: a booking made, moved or cancelled changes them all. */
    slots: ['portal', 'slots'] as const,
    slotSearch: (search: Record<string, string | number | undefined>) => ['portal', 'slots', search] as const,
    inbox: ['portal', 'inbox'] as const,
    messagePreferences: ['portal', 'message-preferences'] as const,
    articles: (language: string) => ['portal', 'articles', language] as const,
    article: (slug: string, language: string) => ['portal', 'articles', language, slug] as const,
  },
  /** The signed-in person's own account (staff and patients alike). */
  account: {
    recoveryCodes: ['account', 'recovery-codes'] as const,
  },
  fhirClients: {
    list: ['fhir-clients', 'list'] as const,
  },
};
