import { useState } from 'react';
import { Badge, Button, Group, Modal, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { BookingList, CalendarBooking } from '@needlepoint/core/contracts/bookings';
import type { BookingDto } from '@needlepoint/core/contracts/scheduling';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { api } from '../../lib/api';
import { useApiMutation, useApiQuery } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { clinicDate, clinicTime, formatLongDay } from '../../lib/clinic-time';
import { useT } from '../../i18n/i18n';

/** What a booking made, moved or cancelled in the portal changes: every page that shows them reads again. */
export const bookingChanges = [
  keys.portal.bookings,
  keys.portal.plans,
  keys.portal.slots,
  keys.aftercare.timelines,
] as const;

/** The patient's upcoming appointments, each to move (to another time) or cancel. */
export function MyAppointments({ onMove }: { onMove: (booking: CalendarBooking) => void }) {
  const t = useT();
  const list = useApiQuery(keys.portal.bookings, (signal) =>
    api.get<typeof BookingList>('/api/portal/bookings', undefined, signal),
  );
  const [cancelling, setCancelling] = useState<CalendarBooking | null>(null);
  const now = Date.now();
  const upcoming = (list.data?.bookings ?? [])
    .filter((b) => b.status === 'booked' && Date.parse(b.endsAt) > now)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const tz = list.data?.timeZone;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="mine-title">
      <Title order={2} fz="lg" id="mine-title" mb="sm">
        {t('booking.mine.title')}
      </Title>
      {list.isError && !list.data ? (
        <ErrorAlert
          error={list.error}
          title={t('booking.mine.loadFailed')}
          onRetry={() => void list.refetch()}
        />
      ) : !list.data || !tz ? (
        <Loading />
      ) : upcoming.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('booking.mine.none')}
        </Text>
      ) : (
        <Stack gap="sm" data-testid="my-appointments">
          {upcoming.map((b) => (
            <Group
              key={b.id}
              justify="space-between"
              wrap="nowrap"
              align="flex-start"
              style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
              pt="sm"
            >
              <div style={{ minWidth: 0 }}>
                <Text fw={600}>
                  {t('booking.mine.when', {
                    day: formatLongDay(clinicDate(b.startsAt, tz)),
                    time: clinicTime(b.startsAt, tz),
                  })}
                </Text>
                <Text size="sm" c="dimmed">
                  {t(b.sessionNumber ? 'booking.mine.session' : 'booking.mine.service', {
                    service: b.service.name,
                    session: b.sessionNumber ?? '',
                    provider: b.providerName,
                  })}
                </Text>
                {b.service.numbingMinutes > 0 ? (
                  <Badge size="xs" variant="light" mt={4}>
                    {t('booking.mine.numbing', { time: clinicTime(b.procedureStartsAt, tz) })}
                  </Badge>
                ) : null}
              </div>
              <Group gap={4} wrap="nowrap">
                <Button
                  variant="subtle"
                  size="compact-sm"
                  onClick={() => onMove(b)}
                  aria-label={t('booking.mine.changeLabel', {
                    day: formatLongDay(clinicDate(b.startsAt, tz)),
                  })}
                >
                  {t('booking.mine.change')}
                </Button>
                <Button
                  variant="subtle"
                  color="red"
                  size="compact-sm"
                  onClick={() => setCancelling(b)}
                  aria-label={t('booking.mine.cancelLabel', {
                    day: formatLongDay(clinicDate(b.startsAt, tz)),
                  })}
                >
                  {t('booking.mine.cancel')}
                </Button>
              </Group>
            </Group>
          ))}
        </Stack>
      )}
      {cancelling && tz ? (
        <CancelModal
          booking={cancelling}
          timeZone={tz}
          onClose={() => setCancelling(null)}
          onCancelled={() => {
            setCancelling(null);
            notifications.show({ color: 'green', message: t('booking.mine.cancelled') });
          }}
        />
      ) : null}
    </Paper>
  );
}

function CancelModal({
  booking,
  timeZone,
  onClose,
  onCancelled,
}: {
  booking: CalendarBooking;
  timeZone: string;
  onClose: () => void;
  onCancelled: () => void;
}) {
  const t = useT();
  const [reason, setReason] = useState('');
  const cancel = useApiMutation({
    mutationFn: () =>
      api.post<typeof BookingDto>(`/api/portal/bookings/${booking.id}/cancel`, { reason: reason.trim() }),
    invalidates: bookingChanges,
    onSuccess: onCancelled,
  });
  return (
    <Modal opened onClose={onClose} title={t('booking.cancel.title')} fullScreen={false}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (reason.trim()) cancel.mutate();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">
            {t('booking.cancel.what', {
              service: booking.service.name,
              day: formatLongDay(clinicDate(booking.startsAt, timeZone)),
              time: clinicTime(booking.startsAt, timeZone),
            })}
          </Text>
          <Textarea
            label={t('booking.cancel.why')}
            required
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            autosize
            minRows={2}
            data-autofocus
          />
          {cancel.error ? <ErrorAlert error={cancel.error} title={t('booking.cancel.failed')} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('booking.keep')}
            </Button>
            <Button type="submit" color="red" loading={cancel.isPending} disabled={!reason.trim()}>
              {t('booking.cancel.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
