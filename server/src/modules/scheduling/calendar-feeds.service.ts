import { randomBytes } from 'node:crypto';
import type { CalendarFeedDto, CalendarFeedSettings } from '@needlepoint/core/contracts/bookings';
import { DomainError } from '@needlepoint/core/errors';
import { staffFeedSummary } from '@needlepoint/core/scheduling/feed-summary';
import type { Database } from '../../db/database';
import { recordAudit, systemActor, type Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { hashToken } from '../../platform/session';
import { calendarFeedFullNames, setCalendarFeedFullNames } from '../clinic/clinic.service';
import * as repo from './calendar-feeds.repo';
import { toICalendar } from './icalendar';
import { clinicServiceTypes } from './resources.service';

/**
 * Private iCalendar feeds that calendar apps subscribe to: a provider's sessions, or a patient's own. The URL holds a
 * random token (only its hash is stored); revoking it stops the feed at once.
 */
export async function createFeed(
  db: Database,
  actor: Actor,
  publicUrl: string,
): Promise<CalendarFeedDto & { token: string }> {
  const token = randomBytes(24).toString('base64url');
  return db.transaction(async (client) => {
    const feed = await repo.insertFeed(client, actor.clinicId, actor.userId, hashToken(token));
    await recordAudit(client, actor, {
      action: 'calendar-feed.created',
      entityType: 'calendar-feed',
      entityId: feed.id,
    });
    return {
      id: feed.id,
      url: `${publicUrl.replace(/\/$/, '')}/calendar/${token}.ics`,
      createdAt: feed.created_at.toISOString(),
      token,
    };
  });
}

export async function revokeFeed(db: Database, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (client) => {
    if (!(await repo.revokeFeed(client, actor.clinicId, actor.userId, id)))
      throw new DomainError('NOT_FOUND', 'No such calendar feed');
    await recordAudit(client, actor, {
      action: 'calendar-feed.revoked',
      entityType: 'calendar-feed',
      entityId: id,
    });
  });
}

/** The feed's calendar: 30 days back and a year ahead. Unknown or revoked token: not found. */
export async function renderFeed(db: Database, clock: Clock, token: string): Promise<string> {
  const owner = await repo.feedOwner(db.pool, hashToken(token));
  if (!owner) throw new DomainError('NOT_FOUND', 'No such calendar feed');
  const now = clock.now();
  const from = new Date(now.getTime() - 30 * 86_400_000);
  const to = new Date(now.getTime() + 366 * 86_400_000);
  const forPatient = owner.role === 'patient';
  const sessions = await repo.feedSessions(db.pool, owner.clinic_id, {
    from,
    to,
    ...(forPatient ? { patientId: owner.patient_id } : { providerId: owner.user_id }),
  });
  await db.transaction((client) =>
    recordAudit(client, systemActor(owner.clinic_id, `feed:${owner.feed_id}`, clock), {
      action: 'calendar-feed.read',
      entityType: 'calendar-feed',
      entityId: owner.feed_id,
      details: { userId: owner.user_id, sessions: sessions.length },
    }),
  );
  const serviceNames = new Map(
    (await clinicServiceTypes(db.pool, owner.clinic_id)).map((s) => [s.id, s.name] as const),
  );
  const nameOf = (id: string) => serviceNames.get(id) ?? 'Appointment';
  return toICalendar(
    sessions.map((s) => ({
      uid: s.id,
      start: s.starts_at,
      end: s.ends_at,
      // A patient's feed names the clinic; a provider's shows the patient's initials (full names if the clinic chose).
      summary: forPatient
        ? `${nameOf(s.service)} at ${owner.clinic_name}`
        : staffFeedSummary(
            { givenName: s.given_name, familyName: s.family_name },
            nameOf(s.service),
            owner.calendar_feed_full_names,
          ),
      location: [owner.clinic_name, owner.address, s.room_name].filter(Boolean).join(', '),
      cancelled: s.status === 'cancelled',
    })),
    { name: forPatient ? owner.clinic_name : `${owner.clinic_name}: my sessions`, generatedAt: now },
  );
}

/** The signed-in user's live feeds (their URLs cannot be shown again: only a hash of the token is kept). */
export async function listFeeds(db: Database, actor: Actor): Promise<{ id: string; createdAt: string }[]> {
  const rows = await repo.liveFeeds(db.pool, actor.clinicId, actor.userId);
  return rows.map((r) => ({ id: r.id, createdAt: r.created_at.toISOString() }));
}

export async function getFeedSettings(db: Database, actor: Actor): Promise<CalendarFeedSettings> {
  return { fullNames: await calendarFeedFullNames(db.pool, actor.clinicId) };
}

/** The owner chooses whether staff feeds show patients' full names (default: initials). */
export async function setFeedSettings(
  db: Database,
  actor: Actor,
  input: CalendarFeedSettings,
): Promise<CalendarFeedSettings> {
  return db.transaction(async (client) => {
    await setCalendarFeedFullNames(client, actor.clinicId, input.fullNames);
    await recordAudit(client, actor, {
      action: 'calendar-feed.settings-changed',
      entityType: 'clinic',
      entityId: actor.clinicId,
      details: input,
    });
    return input;
  });
}
