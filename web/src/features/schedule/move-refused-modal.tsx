import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { CalendarBooking } from '@needlepoint/core/contracts/bookings';
import { BookingRefusal } from './refusal';
import { clinicDate, clinicTime, formatDay } from '../../lib/clinic-time';

/** A booking the server would not move: where it stays, why, and (for providers and owners) an override. */
export function MoveRefusedModal({
  booking,
  error,
  timeZone,
  canOverride,
  busy,
  onOverride,
  onClose,
}: {
  booking: CalendarBooking;
  error: unknown;
  timeZone: string;
  canOverride: boolean;
  busy: boolean;
  onOverride: (reason: string) => void;
  onClose: () => void;
}) {
  return (
    <Modal opened onClose={onClose} title="Not moved">
      <Stack gap="sm">
        <Text size="sm">
          {booking.patientName} stays at {formatDay(clinicDate(booking.startsAt, timeZone))},{' '}
          {clinicTime(booking.startsAt, timeZone)}.
        </Text>
        <BookingRefusal error={error} canOverride={canOverride} busy={busy} onOverride={onOverride} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
