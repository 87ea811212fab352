import { DomainError } from '../errors';

/**
 * An appointment's life cycle as the front desk runs the day: booked → arrived (checked in) → in treatment →
 * completed; a booked patient who never comes is a no-show; a booking not yet under way can be cancelled.
 */
export const appointmentStatuses = [
  'booked',
  'arrived',
  'in-treatment',
  'completed',
  'cancelled',
  'no-show',
] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];

/** Statuses that hold their time: the database's exclusion constraints list the same. */
export const timeHoldingStatuses: readonly AppointmentStatus[] = [
  'booked',
  'arrived',
  'in-treatment',
  'completed',
];
/** Statuses of a visit not yet over: booked, or the patient is here. */
export const openStatuses: readonly AppointmentStatus[] = ['booked', 'arrived', 'in-treatment'];

export type VisitStep = 'check-in' | 'start-treatment' | 'complete' | 'no-show' | 'cancel' | 'move';

const from: Record<VisitStep, readonly AppointmentStatus[]> = {
  'check-in': ['booked'],
  'start-treatment': ['booked', 'arrived'],
  complete: ['booked', 'arrived', 'in-treatment'],
  'no-show': ['booked'],
  cancel: ['booked', 'arrived'],
  move: ['booked'],
};
const to: Record<VisitStep, AppointmentStatus | null> = {
  'check-in': 'arrived',
  'start-treatment': 'in-treatment',
  complete: 'completed',
  'no-show': 'no-show',
  cancel: 'cancelled',
  move: null,
};
const words: Record<VisitStep, string> = {
  'check-in': 'checked in',
  'start-treatment': 'started',
  complete: 'completed',
  'no-show': 'marked as a no-show',
  cancel: 'cancelled',
  move: 'moved',
};
export const appointmentStatusLabels: Record<AppointmentStatus, string> = {
  booked: 'Booked',
  arrived: 'Arrived',
  'in-treatment': 'In treatment',
  completed: 'Completed',
  cancelled: 'Cancelled',
  'no-show': 'No-show',
};

export function canTakeStep(status: AppointmentStatus, step: VisitStep): boolean {
  return from[step].includes(status);
}

/**
 * The status after `step`, or BOOKING_STATUS_CHANGE_INVALID when the appointment's status does not allow it
 * (e.g. checking in a cancelled booking). `move` keeps the status.
 */
export function takeVisitStep(status: AppointmentStatus, step: VisitStep): AppointmentStatus {
  if (!canTakeStep(status, step)) {
    throw new DomainError(
      'BOOKING_STATUS_CHANGE_INVALID',
      `${appointmentStatusLabels[status]} appointments cannot be ${words[step]}`,
      { details: { status, step, allowedFrom: from[step] } },
    );
  }
  return to[step] ?? status;
}
