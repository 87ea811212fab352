import type {
  ScreeningSettingsView,
  UpdateScreeningSettingsRequest,
} from '@needlepoint/core/contracts/screening';
import { knowledgeVersion } from '@needlepoint/core/knowledge/knowledge';
import {
  defaultScreeningSettings,
  resolveScreeningSettings,
  settingDocs,
  type ScreeningSettings,
} from '@needlepoint/core/knowledge/settings';
import type { Database, Queryable } from '../../db/database';
import { mapPart, type ReadPart } from '../../db/read-together';
import { recordAudit, type Actor } from '../../platform/audit';
import * as repo from './screening.repo';

/** The settings a screening uses now: the clinic's latest overrides on top of the documented defaults. */
export async function currentSettings(
  db: Queryable,
  clinicId: string,
): Promise<{ version: number; settings: ScreeningSettings }> {
  return settingsIn(await repo.latestSettings(db, clinicId));
}

/** `currentSettings` as a part of another use case's one-statement read (`readTogether`). */
export function currentSettingsPart(
  clinicId: string,
): ReadPart<{ version: number; settings: ScreeningSettings }> {
  return mapPart(repo.latestSettingsPart(clinicId), settingsIn);
}

/** The settings of a stored version (none stored: version 0, the defaults). */
export function settingsIn(latest: repo.SettingsRow | undefined): {
  version: number;
  settings: ScreeningSettings;
} {
  return { version: latest?.version ?? 0, settings: resolveScreeningSettings(latest?.overrides ?? {}) };
}

function view(latest: repo.SettingsRow | undefined): ScreeningSettingsView {
  return {
    version: latest?.version ?? 0,
    settings: resolveScreeningSettings(latest?.overrides ?? {}),
    overrides: latest?.overrides ?? {},
    defaults: defaultScreeningSettings,
    docs: settingDocs,
    reason: latest?.reason ?? null,
    changedByName: latest?.changed_by_name ?? null,
    changedAt: latest?.created_at.toISOString() ?? null,
    knowledgeVersion,
  };
}

export async function getScreeningSettings(db: Database, actor: Actor): Promise<ScreeningSettingsView> {
  return view(await repo.latestSettings(db.pool, actor.clinicId));
}

/** Saves a new version of the clinic's overrides (never edits an old one), with the reason, audited. */
export async function updateScreeningSettings(
  db: Database,
  actor: Actor,
  input: UpdateScreeningSettingsRequest,
): Promise<ScreeningSettingsView> {
  return db.transaction(async (client) => {
    await repo.lockSettings(client, actor.clinicId);
    const before = await repo.latestSettings(client, actor.clinicId);
    const version = (before?.version ?? 0) + 1;
    await repo.insertSettings(client, {
      clinicId: actor.clinicId,
      version,
      overrides: input.overrides,
      reason: input.reason,
      changedBy: actor.userId,
    });
    await recordAudit(client, actor, {
      action: 'screening.settings-changed',
      entityType: 'clinic',
      entityId: actor.clinicId,
      details: { version, from: before?.overrides ?? {}, to: input.overrides, reason: input.reason },
    });
    return view(await repo.latestSettings(client, actor.clinicId));
  });
}
