import { useState } from 'react';
import {
  Badge,
  Button,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { CalendarBooking } from '@needlepoint/core/contracts/bookings';
import type { BookingDto } from '@needlepoint/core/contracts/scheduling';
import { ErrorAlert } from '../../components/error-alert';
import { AnchorLink } from '../../components/router-links';
import { api } from '../../lib/api';
import { useSession } from '../../lib/session';
import { useApiMutation, useApiQuery } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { bookingChanges } from '../staff-shared';
import type { TreatmentRecordStatusList } from '@needlepoint/core/contracts/treatment-records';
import { BookingRefusal } from './refusal';
import { appointmentColors, appointmentLabels } from '../staff-shared';
import { clinicDate, clinicInstant, clinicTime, formatRange, toHHMM } from '../../lib/clinic-time';

type Mode = 'view' | 'move' | 'cancel' | 'no-show';

/** Quarter-hour times for the keyboard move (07:00–20:45). */
const times = Array.from({ length: 56 }, (_, i) => toHHMM(7 * 60 + i * 15));

/** A booking's details with its actions: move (the keyboard alternative to dragging), cancel, no-show, complete. */
export function BookingDetailsModal({
  booking,
  timeZone,
  providers,
  onClose,
  onChanged,
  onMove,
  moving,
}: {
  booking: CalendarBooking;
  timeZone: string;
  providers: { id: string; name: string }[];
  onClose: () => void;
  onChanged: (message: string) => void;
  /** Moves the booking; resolves with the refusal (or null once moved). */
  onMove: (start: string, providerId: string | undefined, override?: string) => Promise<unknown>;
  /** Whether the move asked for is on its way. */
  moving: boolean;
}) {
  const { can, user } = useSession();
  const canWrite = can('schedule:write');
  const canOverride = user?.role === 'provider' || user?.role === 'owner';
  const [mode, setMode] = useState<Mode>('view');
  const [moveError, setMoveError] = useState<unknown>(null);
  const [text, setText] = useState('');
  const [date, setDate] = useState(clinicDate(booking.startsAt, timeZone));
  const [time, setTime] = useState<string | null>(clinicTime(booking.startsAt, timeZone));
  const [providerId, setProviderId] = useState<string | null>(booking.providerId);
  const numbing = (Date.parse(booking.procedureStartsAt) - Date.parse(booking.startsAt)) / 60_000;
  const active = booking.status === 'booked';
  const started = Date.parse(booking.startsAt) <= Date.now();
  // Schedule-level charting status only (front desk sees whether a session was charted and signed, nothing clinical).
  const window = { from: booking.startsAt, to: booking.endsAt };
  const charting = useApiQuery(
    keys.schedule.charting(window),
    (signal) => api.get<typeof TreatmentRecordStatusList>('/api/treatment-records/status', window, signal),
    { enabled: can('treatment:status') },
  );
  const chartStatus = charting.data?.statuses.find((s) => s.appointmentId === booking.id)?.status;

  const step = useApiMutation({
    mutationFn: ({ path, body }: { path: string; body: unknown; message: string }) =>
      api.post<typeof BookingDto>(`/api/bookings/${booking.id}/${path}`, body),
    invalidates: bookingChanges,
    onSuccess: (_, { message }) => onChanged(message),
  });
  const act = (path: string, body: unknown, message: string) => {
    setMoveError(null);
    step.mutate({ path, body, message });
  };
  const busy = step.isPending || moving;
  const error = moveError ?? step.error;

  async function move(override?: string) {
    if (!time) return;
    step.reset();
    setMoveError(null);
    const refusal = await onMove(
      clinicInstant(date, time, timeZone),
      providerId && providerId !== booking.providerId ? providerId : undefined,
      override,
    );
    if (refusal) setMoveError(refusal);
  }

  const providerOptions = providers.some((p) => p.id === booking.providerId)
    ? providers
    : [{ id: booking.providerId, name: booking.providerName }, ...providers];

  return (
    <Modal opened onClose={onClose} title={booking.patientName} size="md">
      <Stack gap="sm" data-testid="booking-details">
        <Group gap="xs">
          <Badge color={appointmentColors[booking.status]} variant="light">
            {appointmentLabels[booking.status]}
          </Badge>
          {chartStatus ? (
            <Badge
              variant="light"
              color={chartStatus === 'signed' ? 'green' : 'blue'}
              data-testid="chart-status"
            >
              {chartStatus === 'signed' ? 'Record signed' : 'Record in progress'}
            </Badge>
          ) : null}
          {booking.sessionNumber ? (
            <Badge variant="outline" color="grape">
              Plan session {booking.sessionNumber}
            </Badge>
          ) : null}
        </Group>
        <Text fw={600}>{booking.service.name}</Text>
        <Text size="sm" data-testid="booking-when">
          {formatRange(booking.startsAt, booking.endsAt, timeZone)}
        </Text>
        {numbing > 0 ? (
          <Text size="sm" c="dimmed">
            Numbing {clinicTime(booking.startsAt, timeZone)}–{clinicTime(booking.procedureStartsAt, timeZone)}
            , procedure {clinicTime(booking.procedureStartsAt, timeZone)}–
            {clinicTime(booking.endsAt, timeZone)}
          </Text>
        ) : null}
        <Text size="sm">
          With {booking.providerName}
          {booking.roomName ? ` · ${booking.roomName}` : ''}
        </Text>
        {booking.overrideReason ? (
          <Text size="sm" c="orange.8">
            Booked with an override: {booking.overrideReason}
          </Text>
        ) : null}
        {booking.cancelReason ? (
          <Text size="sm" c="dimmed">
            Cancelled: {booking.cancelReason}
          </Text>
        ) : null}
        <AnchorLink to="/patients/$patientId" params={{ patientId: booking.patientId }} size="sm">
          Open the patient record
        </AnchorLink>

        {error && mode === 'move' ? (
          <BookingRefusal
            error={error}
            canOverride={canOverride}
            busy={busy}
            onOverride={(r) => void move(r)}
          />
        ) : error ? (
          <ErrorAlert error={error} title="Not changed" />
        ) : null}

        {can('treatment:chart') &&
        ['booked', 'arrived', 'in-treatment', 'completed'].includes(booking.status) &&
        mode === 'view' ? (
          <AnchorLink
            to="/chart/$appointmentId"
            params={{ appointmentId: booking.id }}
            data-testid="chart-session"
          >
            Chart this session
          </AnchorLink>
        ) : null}
        {canWrite && active && mode === 'view' ? (
          <Group gap="xs" mt="xs">
            <Button variant="light" onClick={() => setMode('move')}>
              Move…
            </Button>
            <Button
              variant="light"
              color="green"
              disabled={!started}
              loading={busy}
              onClick={() => act('complete', {}, 'Marked as completed.')}
              title={started ? undefined : 'Only once the appointment has started'}
            >
              Complete
            </Button>
            <Button
              variant="light"
              color="orange"
              onClick={() => {
                setMode('no-show');
                setText('');
              }}
            >
              No-show…
            </Button>
            <Button
              variant="light"
              color="red"
              onClick={() => {
                setMode('cancel');
                setText('');
              }}
            >
              Cancel booking…
            </Button>
          </Group>
        ) : null}

        {mode === 'move' ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void move();
            }}
            aria-label="Move booking"
          >
            <SimpleGrid cols={{ base: 1, xs: 2 }} mt="xs">
              <TextInput
                label="New day"
                type="date"
                value={date}
                onChange={(e) => setDate(e.currentTarget.value)}
              />
              <Select
                label="New time"
                data={times}
                value={time}
                onChange={setTime}
                searchable
                allowDeselect={false}
              />
            </SimpleGrid>
            <Select
              mt="xs"
              label="Provider"
              data={providerOptions.map((p) => ({ value: p.id, label: p.name }))}
              value={providerId}
              onChange={setProviderId}
              allowDeselect={false}
            />
            <Text size="xs" c="dimmed" mt={4}>
              Times are the clinic’s local time.
            </Text>
            <Group justify="flex-end" mt="sm">
              <Button
                variant="default"
                onClick={() => {
                  setMode('view');
                  setMoveError(null);
                  step.reset();
                }}
              >
                Back
              </Button>
              <Button type="submit" loading={busy}>
                Move booking
              </Button>
            </Group>
          </form>
        ) : null}

        {mode === 'cancel' || mode === 'no-show' ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (mode === 'cancel') {
                if (text.trim()) act('cancel', { reason: text.trim() }, 'Booking cancelled.');
              } else act('no-show', text.trim() ? { note: text.trim() } : {}, 'Marked as no-show.');
            }}
          >
            <Textarea
              label={mode === 'cancel' ? 'Reason for cancelling' : 'Note (optional)'}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              required={mode === 'cancel'}
              autosize
              minRows={2}
              data-autofocus
            />
            <Group justify="flex-end" mt="sm">
              <Button variant="default" onClick={() => setMode('view')}>
                Back
              </Button>
              <Button
                type="submit"
                color={mode === 'cancel' ? 'red' : 'orange'}
                loading={busy}
                disabled={mode === 'cancel' && !text.trim()}
              >
                {mode === 'cancel' ? 'Cancel booking' : 'Mark as no-show'}
              </Button>
            </Group>
          </form>
        ) : null}
      </Stack>
    </Modal>
  );
}
