import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import {
  appointmentStatusLabels,
  appointmentStatuses,
  takeVisitStep,
  type AppointmentStatus,
  type VisitStep,
} from './visit';

describe('the visit life cycle', () => {
  const allowed: [AppointmentStatus, VisitStep, AppointmentStatus][] = [
    ['booked', 'check-in', 'arrived'],
    ['booked', 'start-treatment', 'in-treatment'],
    ['arrived', 'start-treatment', 'in-treatment'],
    ['booked', 'complete', 'completed'],
    ['arrived', 'complete', 'completed'],
    ['in-treatment', 'complete', 'completed'],
    ['booked', 'no-show', 'no-show'],
    ['booked', 'cancel', 'cancelled'],
    ['arrived', 'cancel', 'cancelled'],
    ['booked', 'move', 'booked'],
  ];
  it.each(allowed)('%s --%s--> %s', (status, step, next) => {
    expect(takeVisitStep(status, step)).toBe(next);
  });

  const steps: VisitStep[] = ['check-in', 'start-treatment', 'complete', 'no-show', 'cancel', 'move'];
  const refused = appointmentStatuses.flatMap((status) =>
    steps
      .filter((step) => !allowed.some(([s, st]) => s === status && st === step))
      .map((step) => [status, step] as const),
  );
  it.each(refused)('%s cannot be %s', (status, step) => {
    expect(() => takeVisitStep(status, step)).toThrow(DomainError);
    try {
      takeVisitStep(status, step);
    } catch (e) {
      expect((e as DomainError).code).toBe('BOOKING_STATUS_CHANGE_INVALID');
      expect((e as DomainError).message.startsWith(appointmentStatusLabels[status])).toBe(true);
    }
  });
});
