import type { ClinicSettings } from '@needlepoint/core/contracts/clinic';
import type { DeviceList, RoomList } from '@needlepoint/core/contracts/bookings';
import type { PatientRecord } from '@needlepoint/core/contracts/patients';
import type { PlanList, PlanTemplatesResponse } from '@needlepoint/core/contracts/plans';
import type { ServiceTypesResponse } from '@needlepoint/core/contracts/scheduling';
import { api } from '../lib/api';
import { useApiQuery } from '../lib/query';
import { keys } from '../lib/query-keys';
import { appointmentStatusLabels, type AppointmentStatus } from '@needlepoint/core/scheduling/visit';
import type { PlanStatus } from '@needlepoint/core/plans/plan';

/**
 * What several staff areas share (ADR 065): reads (each has one key, so a save on one page refreshes every page
 * that shows the same data), what a save invalidates, and the status words. They live in one module on purpose:
 * the build makes one chunk of them, and every chunk costs the portal's first load a name in the entry's preload
 * map.
 */

/** The clinic's settings (name, time zone, booking rules). */
export function useClinicSettings() {
  return useApiQuery(keys.clinic.settings, (signal) =>
    api.get<typeof ClinicSettings>('/api/clinic/settings', undefined, signal),
  );
}

/** One patient's record (demographics, answers, lists): the record page and a prefilled booking read it. */
export function usePatientRecord(patientId: string | null | undefined) {
  return useApiQuery(
    keys.patients.record(patientId ?? ''),
    (signal) => api.get<typeof PatientRecord>(`/api/patients/${patientId}`, undefined, signal),
    { enabled: Boolean(patientId) },
  );
}

/**
 * A patient's treatment plans: the one list the plans panel and the new booking read, so a plan saved on one
 * refreshes the other. With no patient yet it reads nothing.
 */
export function usePatientPlans(patientId: string | null | undefined) {
  return useApiQuery(
    keys.plans.patient(patientId ?? ''),
    (signal) => api.get<typeof PlanList>('/api/plans', { patientId: patientId ?? '' }, signal),
    { enabled: Boolean(patientId) },
  );
}

/** The built-in and clinic plan templates with the sources they cite. */
export function usePlanTemplates() {
  return useApiQuery(keys.plans.templates, (signal) =>
    api.get<typeof PlanTemplatesResponse>('/api/plan-templates', undefined, signal),
  );
}

/** What a plan change touches: the patient's plans (everywhere) and the chart's outcome scores. */
export const planChanges = [keys.plans.all, keys.outcomes.all] as const;

/** What a booking change touches: the calendar, Today, open slots, the waitlist, plan progress and photo sessions. */
export const bookingChanges = [keys.schedule.all, keys.plans.all, keys.photos.all] as const;

export function useRooms() {
  return useApiQuery(keys.schedule.rooms, (signal) =>
    api.get<typeof RoomList>('/api/rooms', undefined, signal),
  );
}

export function useDevices() {
  return useApiQuery(keys.schedule.devices, (signal) =>
    api.get<typeof DeviceList>('/api/devices', undefined, signal),
  );
}

export function useServiceTypes() {
  return useApiQuery(keys.schedule.serviceTypes, (signal) =>
    api.get<typeof ServiceTypesResponse>('/api/service-types', undefined, signal),
  );
}

/*
 * Every status word and colour staff see, in one place: appointments (calendar, Today, plan sessions), plans and
 * aftercare check-ins. The appointment words come from `core` (its refusal messages use them too).
 */

export const appointmentLabels: Record<AppointmentStatus, string> = appointmentStatusLabels;
export const appointmentColors: Record<AppointmentStatus, string> = {
  booked: 'blue',
  arrived: 'cyan',
  'in-treatment': 'violet',
  completed: 'green',
  cancelled: 'gray',
  'no-show': 'orange',
};

export const planStatusLabels: Record<PlanStatus, string> = {
  draft: 'Draft',
  active: 'Active',
  paused: 'Paused',
  completed: 'Completed',
  cancelled: 'Cancelled',
};
export const planStatusColors: Record<PlanStatus, string> = {
  draft: 'gray',
  active: 'blue',
  paused: 'yellow',
  completed: 'green',
  cancelled: 'red',
};

/** A check-in's place in the triage queue, and what a reviewer did to it. */
export const checkInReviewLabels = {
  open: 'To review',
  reviewed: 'Reviewed',
  contacted: 'Contacted',
} as const;
