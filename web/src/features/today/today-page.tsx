import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { BookingList } from '@needlepoint/core/contracts/bookings';
import type { CalendarBooking } from '@needlepoint/core/contracts/bookings';
import type { BookingDto } from '@needlepoint/core/contracts/scheduling';
import { canTakeStep, type AppointmentStatus, type VisitStep } from '@needlepoint/core/scheduling/visit';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { AnchorLink } from '../../components/router-links';
import { api } from '../../lib/api';
import { useSession } from '../../lib/session';
import { useApiMutation, useApiQuery } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { bookingChanges, useClinicSettings } from '../staff-shared';
import { appointmentColors, appointmentLabels } from '../staff-shared';
import { addDays, clinicTime, clinicToday, formatLongDay, windowUtc } from '../../lib/clinic-time';

/** The columns of the day, in the order a visit moves through them. */
const columns: { title: string; statuses: AppointmentStatus[]; empty: string }[] = [
  { title: 'Expected', statuses: ['booked'], empty: 'Nobody is expected today.' },
  { title: 'Arrived', statuses: ['arrived'], empty: 'Nobody is waiting.' },
  { title: 'In treatment', statuses: ['in-treatment'], empty: 'No one is being treated now.' },
  { title: 'Done', statuses: ['completed', 'no-show', 'cancelled'], empty: 'Nothing finished yet.' },
];

const actions: { step: VisitStep; path: string; label: string; done: string; color?: string }[] = [
  { step: 'check-in', path: 'check-in', label: 'Check in', done: 'checked in' },
  { step: 'start-treatment', path: 'start-treatment', label: 'Start treatment', done: 'in treatment' },
  { step: 'complete', path: 'complete', label: 'Complete', done: 'done' },
  { step: 'no-show', path: 'no-show', label: 'No-show', done: 'marked as a no-show', color: 'orange' },
];

/** The front desk's day: who is expected, who has arrived, who is in treatment, who is done. */
export function TodayPage() {
  const { can } = useSession();
  // The clinic's day in its own time zone, read from the same cache entry as the schedule's.
  const settings = useClinicSettings();
  const timeZone = settings.data?.timeZone ?? null;
  const today = timeZone ? clinicToday(timeZone) : null;
  const filters =
    today && timeZone ? { ...windowUtc(today, addDays(today, 1), timeZone), includeCancelled: 'true' } : null;
  const list = useApiQuery(
    keys.schedule.bookings(filters ?? { from: '', to: '' }),
    (signal) => api.get<typeof BookingList>('/api/bookings', filters ?? undefined, signal),
    { enabled: Boolean(filters) },
  );
  const step = useApiMutation({
    mutationFn: ({ booking, action }: { booking: CalendarBooking; action: (typeof actions)[number] }) =>
      api.post<typeof BookingDto>(`/api/bookings/${booking.id}/${action.path}`, {}),
    invalidates: bookingChanges,
    onSuccess: (_, { booking, action }) =>
      notifications.show({ color: 'green', message: `${booking.patientName}: ${action.done}` }),
  });
  const busyId = step.isPending ? step.variables.booking.id : null;
  const failed = settings.isError ? settings : list;

  // The calendar answers what overlaps the window; the day shows what starts in it.
  const bookings = (list.data?.bookings ?? []).filter(
    (b) => !filters || (b.startsAt >= filters.from && b.startsAt < filters.to),
  );
  const now = Date.now();
  return (
    <Stack gap="md">
      <PageHeader title="Today" description={today ? formatLongDay(today) : undefined} />
      {step.error ? <ErrorAlert error={step.error} title="Not changed" /> : null}
      {failed.isError && !list.data ? (
        <ErrorAlert
          error={failed.error}
          title="Could not load today’s appointments"
          onRetry={() => void failed.refetch()}
        />
      ) : !list.data || !timeZone ? (
        <Loading />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
          {columns.map((column) => {
            const items = bookings.filter((b) => column.statuses.includes(b.status));
            return (
              <section
                key={column.title}
                aria-labelledby={`col-${column.title}`}
                data-testid={`today-${column.title}`}
              >
                <Group justify="space-between" mb="xs">
                  <Title order={2} fz="md" id={`col-${column.title}`}>
                    {column.title}
                  </Title>
                  <Badge variant="light" color="gray" aria-label={`${items.length} appointments`}>
                    {items.length}
                  </Badge>
                </Group>
                <Stack gap="xs">
                  {items.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      {column.empty}
                    </Text>
                  ) : (
                    items.map((b) => (
                      <Card key={b.id} withBorder padding="sm" radius="md" data-testid="today-visit">
                        <Group justify="space-between" wrap="nowrap" align="flex-start">
                          <div style={{ minWidth: 0 }}>
                            <Text fw={600}>
                              {clinicTime(b.startsAt, timeZone)}{' '}
                              <AnchorLink to="/patients/$patientId" params={{ patientId: b.patientId }}>
                                {b.patientName}
                              </AnchorLink>
                            </Text>
                            <Text size="sm" c="dimmed">
                              {b.service.name} · {b.providerName}
                              {b.roomName ? ` · ${b.roomName}` : ''}
                            </Text>
                          </div>
                          {column.statuses.length > 1 ? (
                            <Badge
                              color={appointmentColors[b.status]}
                              variant="light"
                              style={{ flex: 'none' }}
                            >
                              {appointmentLabels[b.status]}
                            </Badge>
                          ) : null}
                        </Group>
                        {can('schedule:write') ? (
                          <Group gap={6} mt="xs">
                            {actions
                              .filter((a) => canTakeStep(b.status, a.step))
                              .filter((a) =>
                                a.step === 'no-show' || a.step === 'complete'
                                  ? Date.parse(b.startsAt) <= now
                                  : true,
                              )
                              .map((a) => (
                                <Button
                                  key={a.step}
                                  size="compact-sm"
                                  variant={a.color ? 'subtle' : 'light'}
                                  color={a.color}
                                  loading={busyId === b.id}
                                  onClick={() => step.mutate({ booking: b, action: a })}
                                  aria-label={`${a.label}: ${b.patientName}`}
                                >
                                  {a.label}
                                </Button>
                              ))}
                          </Group>
                        ) : null}
                      </Card>
                    ))
                  )}
                </Stack>
              </section>
            );
          })}
        </SimpleGrid>
      )}
    </Stack>
  );
}
