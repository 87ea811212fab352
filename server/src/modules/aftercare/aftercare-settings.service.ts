import type {
  AftercareSettings,
  UpdateAftercareSettingsRequest,
} from '@needlepoint/core/contracts/aftercare';
import { resolveTimelineSettings } from '@needlepoint/core/aftercare/timeline';
import { DomainError } from '@needlepoint/core/errors';
import type { Database } from '../../db/database';
import { recordAudit, type Actor } from '../../platform/audit';
import * as repo from './aftercare.repo';

const toSettings = (row: repo.SettingsRow): AftercareSettings => ({
  promptDays: row.prompt_days,
  onCallProviderId: row.on_call_provider_id,
  missedAfterHours: row.missed_after_hours,
  timeline: resolveTimelineSettings(row.timeline),
});

export async function getAftercareSettings(db: Database, actor: Actor): Promise<AftercareSettings> {
  return toSettings(await repo.findSettings(db.pool, actor.clinicId));
}

/** Check-in days, the on-call provider for urgent alerts, and when an unanswered prompt counts as missed. */
export async function updateAftercareSettings(
  db: Database,
  actor: Actor,
  input: UpdateAftercareSettingsRequest,
): Promise<AftercareSettings> {
  return db.transaction(async (client) => {
    const before = await repo.findSettings(client, actor.clinicId);
    if (
      input.onCallProviderId &&
      !(await repo.isActiveProvider(client, actor.clinicId, input.onCallProviderId))
    )
      throw new DomainError(
        'AFTERCARE_ON_CALL_NOT_PROVIDER',
        'The on-call person must be an active provider',
        {
          fields: [{ path: 'body.onCallProviderId', message: 'Not an active provider of this clinic' }],
        },
      );
    const after: repo.SettingsRow = {
      prompt_days: input.promptDays ? [...input.promptDays].sort((a, b) => a - b) : before.prompt_days,
      on_call_provider_id:
        input.onCallProviderId === undefined ? before.on_call_provider_id : input.onCallProviderId,
      missed_after_hours: input.missedAfterHours ?? before.missed_after_hours,
      timeline: { ...before.timeline, ...input.timeline },
    };
    await repo.saveSettings(client, actor.clinicId, after);
    await recordAudit(client, actor, {
      action: 'aftercare.settings-updated',
      entityType: 'clinic',
      entityId: actor.clinicId,
      details: { before: toSettings(before), after: toSettings(after) },
    });
    return toSettings(after);
  });
}
