import type { BookingList } from '@needlepoint/core/contracts/bookings';
import type { PatientPhotoList } from '@needlepoint/core/contracts/photos';
import { api } from '../../lib/api';
import { useApiQuery } from '../../lib/query';
import { keys } from '../../lib/query-keys';

/** The address of a patient's photo (or its thumbnail); the server checks access on each read. */
export const photoUrl = (patientId: string, photoId: string, size: 'full' | 'thumbnail' = 'full') =>
  `/api/patients/${patientId}/photos/${photoId}${size === 'thumbnail' ? '?size=thumbnail' : ''}`;

export function usePatientPhotos(patientId: string) {
  return useApiQuery(keys.photos.list(patientId), (signal) =>
    api.get<typeof PatientPhotoList>(`/api/patients/${patientId}/photos`, undefined, signal),
  );
}

const day = 86_400_000;
const hiddenStatuses = new Set(['cancelled', 'no-show']);

/**
 * The patient's sessions a photo can belong to: the last 90 days and today (the calendar answers 92 days at a
 * time). Staff without the calendar simply get no sessions to choose from.
 */
export function usePhotoSessions(patientId: string, canReadSchedule: boolean) {
  return useApiQuery(keys.photos.sessions(patientId, canReadSchedule), async (signal) => {
    if (!canReadSchedule) return [];
    const now = Date.now();
    const list = await api.get<typeof BookingList>(
      '/api/bookings',
      { patientId, from: new Date(now - 90 * day).toISOString(), to: new Date(now + day).toISOString() },
      signal,
    );
    return list.bookings
      .filter((b) => !hiddenStatuses.has(b.status))
      .sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  });
}
