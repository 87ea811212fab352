import { randomBytes } from 'node:crypto';
import type { CalendarFeedDto, CalendarFeedSettings } from '@needlepoint/core/contracts/bookings';
import { DomainError } from '@needlepoint/core/errors';
import { staffFeedSummary } from '@needlepoint/core/scheduling/feed-summary';
import type { Database } from '../../db/database';
import { recordAudit, systemActor, type Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { hashToken } from '../../platform/session';
import { feedFullNames, setFeedFullNames } from './bookings.repo';
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
    const { rows } = await client.query<{ id: string; created_at: Date }>(
      'INSERT INTO calendar_feeds (clinic_id, user_id, token_hash) VALUES ($1, $2, $3) RETURNING id, created_at',
      [actor.clinicId, actor.userId, hashToken(token)],
    );
    await recordAudit(client, actor, {
      action: 'calendar-feed.created',
      entityType: 'calendar-feed',
      entityId: rows[0]!.id,
    });
    return {
      id: rows[0]!.id,
      url: `${publicUrl.replace(/\/$/, '')}/calendar/${token}.ics`,
      createdAt: rows[0]!.created_at.toISOString(),
      token,
    };
  });
}

export async function revokeFeed(db: Database, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (client) => {
    const { rowCount } = await client.query(
      'UPDATE calendar_feeds SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL',
      [id, actor.userId],
    );
    if (!rowCount) throw new DomainError('NOT_FOUND', 'No such calendar feed');
    await recordAudit(client, actor, {
      action: 'calendar-feed.revoked',
      entityType: 'calendar-feed',
      entityId: id,
    });
  });
}

interface FeedOwner {
  feed_id: string;
  clinic_id: string;
  user_id: string;
  role: string;
  patient_id: string | null;
  clinic_name: string;
  address: string;
  calendar_feed_full_names: boolean;
}

/** The feed's calendar: 30 days back and a year ahead. Unknown or revoked token: not found. */
export async function renderFeed(db: Database, clock: Clock, token: string): Promise<string> {
  const { rows } = await db.query<FeedOwner>(
    `SELECT f.id AS feed_id, f.clinic_id, f.user_id, u.role, u.patient_id, c.name AS clinic_name, c.address,
            c.calendar_feed_full_names
       FROM calendar_feeds f JOIN users u ON u.id = f.user_id JOIN clinics c ON c.id = f.clinic_id
      WHERE f.token_hash = $1 AND f.revoked_at IS NULL AND u.active`,
    [hashToken(token)],
  );
  const owner = rows[0];
  if (!owner) throw new DomainError('NOT_FOUND', 'No such calendar feed');
  const now = clock.now();
  const from = new Date(now.getTime() - 30 * 86_400_000);
  const to = new Date(now.getTime() + 366 * 86_400_000);
  const forPatient = owner.role === 'patient';
  const sessions = await db.query<{
    id: string;
    starts_at: Date;
    ends_at: Date;
    status: string;
    service: string;
    given_name: string;
    family_name: string;
    provider_name: string;
    room_name: string | null;
  }>(
    `SELECT a.id, a.starts_at, a.ends_at, a.status, a.service, p.given_name, p.family_name, u.name AS provider_name,
            r.name AS room_name
       FROM appointments a JOIN patients p ON p.id = a.patient_id JOIN users u ON u.id = a.provider_id LEFT JOIN rooms r ON r.id = a.room_id
      WHERE a.clinic_id = $1 AND a.starts_at >= $2 AND a.starts_at < $3 AND a.status IN ('booked', 'arrived', 'in-treatment', 'completed', 'cancelled')
        AND (CASE WHEN $4 THEN a.patient_id = $5 ELSE a.provider_id = $6 END) ORDER BY a.starts_at`,
    [owner.clinic_id, from, to, forPatient, owner.patient_id, owner.user_id],
  );
  await db.transaction((client) =>
    recordAudit(client, systemActor(owner.clinic_id, `feed:${owner.feed_id}`), {
      action: 'calendar-feed.read',
      entityType: 'calendar-feed',
      entityId: owner.feed_id,
      details: { userId: owner.user_id, sessions: sessions.rows.length },
    }),
  );
  const serviceNames = new Map(
    (await clinicServiceTypes(db.pool, owner.clinic_id)).map((s) => [s.id, s.name] as const),
  );
  const nameOf = (id: string) => serviceNames.get(id) ?? 'Appointment';
  return toICalendar(
    sessions.rows.map((s) => ({
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
  const { rows } = await db.query<{ id: string; created_at: Date }>(
    'SELECT id, created_at FROM calendar_feeds WHERE user_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC',
    [actor.userId],
  );
  return rows.map((r) => ({ id: r.id, createdAt: r.created_at.toISOString() }));
}

export async function getFeedSettings(db: Database, actor: Actor): Promise<CalendarFeedSettings> {
  return { fullNames: await feedFullNames(db.pool, actor.clinicId) };
}

/** The owner chooses whether staff feeds show patients' full names (default: initials). */
export async function setFeedSettings(
  db: Database,
  actor: Actor,
  input: CalendarFeedSettings,
): Promise<CalendarFeedSettings> {
  return db.transaction(async (client) => {
    await setFeedFullNames(client, actor.clinicId, input.fullNames);
    await recordAudit(client, actor, {
      action: 'calendar-feed.settings-changed',
      entityType: 'clinic',
      entityId: actor.clinicId,
      details: input,
    });
    return input;
  });
}
