import type { Database } from '../db/database';
import { sealAuditEvents } from '../platform/audit-sealer';

/**
 * Seals every audit event appended so far (what the app's background sealer does within a second), so a test
 * can assert on chain positions without waiting.
 */
export async function sealAuditTrail(db: Database): Promise<void> {
  await sealAuditEvents(db, { wait: true });
}
