import { useMemo, useState } from 'react';
import { Badge, Box, Button, Grid, Group, Paper, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import type { BookingList } from '@needlepoint/core/contracts/bookings';
import type { CalendarBooking } from '@needlepoint/core/contracts/bookings';
import type { BookingDto } from '@needlepoint/core/contracts/scheduling';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { api } from '../../lib/api';
import { useApiMutation, useApiQuery } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { useSession } from '../../lib/session';
import { bookingChanges, useClinicSettings } from '../staff-shared';
import { RequirePermission } from '../shell/require-permission';
import { BookingDetailsModal } from './booking-details-modal';
import { CalendarFeedButton } from './calendar-feed-button';
import { CalendarGrid, type CalendarColumn, type MoveTarget } from './calendar-grid';
import { NewBookingModal } from './new-booking-modal';
import { useProviders } from './providers';
import type { ScheduleSearch } from './search';
import { WaitlistPanel } from './waitlist-panel';
import { CalendarLegend, ScheduleToolbar } from './schedule-toolbar';
import { MoveRefusedModal } from './move-refused-modal';
import {
  addDays,
  clinicDate,
  clinicInstant,
  clinicMinutes,
  clinicTime,
  clinicToday,
  formatDay,
  formatLongDay,
  toHHMM,
  weekStart,
  windowUtc,
  zoneLabel,
} from '../../lib/clinic-time';

const route = getRouteApi('/staff/schedule');

export function SchedulePage() {
  return (
    <RequirePermission permission="schedule:read">
      <ScheduleLoader />
    </RequirePermission>
  );
}

function ScheduleLoader() {
  const settings = useClinicSettings();
  if (settings.isError && !settings.data)
    return (
      <ErrorAlert
        error={settings.error}
        title="Could not load the schedule"
        onRetry={() => void settings.refetch()}
      />
    );
  if (!settings.data) return <Loading label="Loading the schedule…" />;
  return <ScheduleView timeZone={settings.data.timeZone} />;
}

type Dialog =
  | { type: 'details'; booking: CalendarBooking }
  | { type: 'refused'; target: MoveTarget; error: unknown }
  | null;

/** A booking on its way to a new place: shown there until the server answers. */
interface PendingMove {
  id: string;
  startsAt: string;
  endsAt: string;
  procedureStartsAt: string;
  providerId: string;
}

function ScheduleView({ timeZone }: { timeZone: string }) {
  const search = route.useSearch();
  const navigate = useNavigate();
  const { can, user } = useSession();
  const canWrite = can('schedule:write');
  const today = clinicToday(timeZone);
  const date = search.date ?? today;
  // Seven columns do not fit a phone: there the day view comes first.
  const phone = useMediaQuery('(max-width: 47.99em)');
  const view = search.view ?? (phone ? 'day' : 'week');
  const [showCancelled, setShowCancelled] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const moveBooking = useApiMutation({
    mutationFn: ({ to, body }: { to: PendingMove; body: Record<string, unknown> }) =>
      api.patch<typeof BookingDto>(`/api/bookings/${to.id}`, body),
    invalidates: bookingChanges,
  });
  const pending = moveBooking.isPending ? moveBooking.variables.to : null;
  const busy = moveBooking.isPending;

  const from = view === 'week' ? weekStart(date) : date;
  const days = view === 'week' ? 7 : 1;
  const filters = {
    ...windowUtc(from, addDays(from, days), timeZone),
    ...(showCancelled ? { includeCancelled: 'true' } : {}),
  };
  const bookings = useApiQuery(keys.schedule.bookings(filters), (signal) =>
    api.get<typeof BookingList>('/api/bookings', filters, signal),
  );

  const seen = useMemo(
    () => (bookings.data?.bookings ?? []).map((b) => ({ id: b.providerId, name: b.providerName })),
    [bookings.data],
  );
  const providers = useProviders(seen);

  const setSearch = (next: Partial<ScheduleSearch>) =>
    void navigate({
      to: '/schedule',
      search: (prev: ScheduleSearch) => ({ ...prev, ...next }),
      replace: true,
    });

  // A booking being moved is shown at its new place until the server answers.
  const shown = (bookings.data?.bookings ?? []).map((b) =>
    pending && b.id === pending.id ? { ...b, ...pending } : b,
  );

  const columns: CalendarColumn[] =
    view === 'week'
      ? Array.from({ length: 7 }, (_, i) => {
          const d = addDays(from, i);
          return { key: d, date: d, label: formatDay(d), ...(d === today ? { sublabel: 'Today' } : {}) };
        })
      : (providers.length ? providers : [{ id: 'none', name: 'No providers yet' }]).map((p) => ({
          key: p.id,
          date,
          label: p.name,
          providerId: p.id,
        }));

  let startMinutes = 8 * 60;
  let endMinutes = 19 * 60;
  for (const b of shown) {
    const s = clinicMinutes(b.startsAt, timeZone);
    const e =
      clinicDate(b.endsAt, timeZone) === clinicDate(b.startsAt, timeZone)
        ? clinicMinutes(b.endsAt, timeZone)
        : 24 * 60;
    startMinutes = Math.min(startMinutes, Math.floor(s / 60) * 60);
    endMinutes = Math.max(endMinutes, Math.ceil(e / 60) * 60);
  }

  async function move(target: MoveTarget, override?: string): Promise<unknown> {
    const { booking } = target;
    const start = clinicInstant(target.date, toHHMM(target.minutes), timeZone);
    const shift = Date.parse(start) - Date.parse(booking.startsAt);
    const providerChanged = target.providerId && target.providerId !== booking.providerId;
    if (shift === 0 && !providerChanged) return null;
    const iso = (t: string) => new Date(Date.parse(t) + shift).toISOString();
    try {
      await moveBooking.mutateAsync({
        to: {
          id: booking.id,
          startsAt: start,
          endsAt: iso(booking.endsAt),
          procedureStartsAt: iso(booking.procedureStartsAt),
          providerId: target.providerId ?? booking.providerId,
        },
        body: {
          start,
          ...(providerChanged ? { providerId: target.providerId } : {}),
          ...(override ? { override: { reason: override } } : {}),
        },
      });
      notifications.show({
        color: 'green',
        message: `${booking.patientName} moved to ${formatDay(target.date)}, ${toHHMM(target.minutes)}.`,
      });
      setDialog(null);
      return null;
    } catch (error) {
      return error;
    }
  }

  const dropMove = async (target: MoveTarget, override?: string) => {
    const error = await move(target, override);
    if (error) setDialog({ type: 'refused', target, error });
  };

  const prefillOpen = Boolean(search.book) && canWrite;
  const closeNew = () =>
    setSearch({ book: undefined, patientId: undefined, planId: undefined, service: undefined });

  return (
    <Stack gap="md">
      <PageHeader
        title="Schedule"
        description={`All times in ${zoneLabel(timeZone)} (${timeZone}).`}
        actions={
          <Group gap="xs">
            {user?.role === 'provider' ? (
              <CalendarFeedButton description="Your own appointments as a private calendar address for your phone or calendar app." />
            ) : null}
            {canWrite ? <Button onClick={() => setSearch({ book: true })}>New booking</Button> : null}
          </Group>
        }
      />
      <ScheduleToolbar
        date={date}
        view={view}
        showCancelled={showCancelled}
        onShowCancelled={setShowCancelled}
        onSearch={setSearch}
      />
      <Text fw={600} data-testid="schedule-range">
        {view === 'week' ? `Week of ${formatLongDay(from)}` : formatLongDay(date)}
        {busy ? (
          <Badge ml="sm" variant="light">
            Saving…
          </Badge>
        ) : null}
      </Text>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, xl: 9 }}>
          <Paper withBorder radius="md" p={0} style={{ overflow: 'hidden' }}>
            {bookings.isError && !bookings.data ? (
              <Box p="md">
                <ErrorAlert
                  error={bookings.error}
                  title="Could not load the bookings"
                  onRetry={() => void bookings.refetch()}
                />
              </Box>
            ) : !bookings.data ? (
              <Loading label="Loading bookings…" />
            ) : (
              <Box
                data-testid="calendar-scroll"
                style={{ maxHeight: 'calc(100dvh - 260px)', minHeight: 420, overflowY: 'auto' }}
              >
                <CalendarGrid
                  columns={columns}
                  bookings={shown}
                  columnOf={(b) => (view === 'week' ? clinicDate(b.startsAt, timeZone) : b.providerId)}
                  timeZone={timeZone}
                  startMinutes={startMinutes}
                  endMinutes={endMinutes}
                  canMove={canWrite}
                  pendingId={pending?.id ?? null}
                  onOpen={(booking) => setDialog({ type: 'details', booking })}
                  onMove={(target) => void dropMove(target)}
                />
              </Box>
            )}
          </Paper>
          <CalendarLegend canMove={canWrite} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, xl: 3 }}>
          <Stack gap="md">
            <WaitlistPanel today={today} />
          </Stack>
        </Grid.Col>
      </Grid>

      {dialog?.type === 'details' ? (
        <BookingDetailsModal
          booking={dialog.booking}
          timeZone={timeZone}
          providers={providers}
          onClose={() => setDialog(null)}
          moving={busy}
          onChanged={(message) => {
            setDialog(null);
            notifications.show({ color: 'green', message });
          }}
          onMove={(start, providerId, override) =>
            move(
              {
                booking: dialog.booking,
                date: clinicDate(start, timeZone),
                minutes: clinicMinutes(start, timeZone),
                ...(providerId ? { providerId } : {}),
              },
              override,
            )
          }
        />
      ) : null}
      {dialog?.type === 'refused' ? (
        <MoveRefusedModal
          booking={dialog.target.booking}
          error={dialog.error}
          timeZone={timeZone}
          canOverride={user?.role === 'provider' || user?.role === 'owner'}
          busy={busy}
          onOverride={(reason) => void dropMove(dialog.target, reason)}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {prefillOpen ? (
        <NewBookingModal
          timeZone={timeZone}
          providers={providers}
          prefill={{
            ...(search.patientId ? { patientId: search.patientId } : {}),
            ...(search.planId ? { planId: search.planId } : {}),
            ...(search.service ? { serviceTypeId: search.service } : {}),
            ...(search.planId ? {} : { date: date < today ? today : date }),
          }}
          onClose={closeNew}
          onBooked={(booking) => {
            notifications.show({
              color: 'green',
              message: `Booked for ${formatDay(clinicDate(booking.startsAt, timeZone))}, ${clinicTime(booking.startsAt, timeZone)}.`,
            });
            void navigate({
              to: '/schedule',
              search: { date: clinicDate(booking.startsAt, timeZone), view },
              replace: true,
            });
          }}
        />
      ) : null}
    </Stack>
  );
}
