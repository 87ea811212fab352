import { useMemo, useState } from 'react';
import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { z } from 'zod';
import { BookingList, type CalendarBooking } from '@needlepoint/core/contracts/bookings';
import { PlanDto } from '@needlepoint/core/contracts/plans';
import { BookingDto, SlotSearchResponse, type SlotDto } from '@needlepoint/core/contracts/scheduling';
import { bookingHorizonDays } from '@needlepoint/core/scheduling/booking-rules';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { AnchorLink } from '../../components/router-links';
import { api, ApiError, messageOf } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useApi } from '../../lib/use-api';
import { CalendarFeedButton } from '../schedule/calendar-feed-button';
import { MyAppointments } from './my-appointments';
import { initialWindowStart, moveWindow, windowDates, windowRange } from './booking-window';
import { DayStrip } from './day-strip';
import { clinicDate, clinicTime, formatLongDay, intervalViolation } from '../schedule/schedule-lib';

const PortalPlans = z.object({ plans: z.array(PlanDto) });

/** The patient books the next session of their plan (or a consultation), and sees and cancels appointments. */
export function PortalBookingPage() {
  const plans = useApi((signal) => api.get('/api/portal/plans', PortalPlans, undefined, signal), []);
  const bookings = useApi((signal) => api.get('/api/portal/bookings', BookingList, undefined, signal), []);
  const active = plans.data?.plans.find((p) => p.status === 'active');
  const [moving, setMoving] = useState<CalendarBooking | null>(null);
  const movingPlan = moving?.planId ? (plans.data?.plans.find((p) => p.id === moving.planId) ?? null) : null;

  return (
    <Stack gap="lg">
      <div>
        <AnchorLink to="/portal" size="sm">
          ← Home
        </AnchorLink>
        <Title order={1} fz={{ base: 24, sm: 28 }} mt="xs">
          Appointments
        </Title>
      </div>
      {plans.status === 'error' && !plans.data ? (
        <ErrorAlert error={plans.error} title="Could not load your plan" onRetry={plans.reload} />
      ) : !plans.data ? (
        <Loading />
      ) : (
        <BookingCard
          key={moving ? `move-${moving.id}` : (active?.id ?? 'consultation')}
          plan={moving ? movingPlan : (active ?? null)}
          moving={moving}
          onCancelMove={() => setMoving(null)}
          onBooked={() => {
            setMoving(null);
            plans.reload();
            bookings.reload();
          }}
        />
      )}
      <MyAppointments
        list={bookings}
        onMove={(b) => {
          setMoving(b);
          window.scrollTo({ top: 0, behavior: 'smooth' });
        }}
      />
      <Paper withBorder p="md" radius="md">
        <Title order={2} fz="lg" mb={4}>
          Add to my calendar
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          A private link that keeps your phone’s calendar up to date with your appointments.
        </Text>
        <CalendarFeedButton
          label="Add to my calendar"
          variant="light"
          fullWidth
          description="Copy this private address into your calendar app (for example “Add calendar from URL”), or open it on your phone."
        />
      </Paper>
    </Stack>
  );
}

function BookingCard({
  plan,
  moving,
  onCancelMove,
  onBooked,
}: {
  plan: PlanDto | null;
  /** The appointment being moved to another time, if any. */
  moving: CalendarBooking | null;
  onCancelMove: () => void;
  onBooked: () => void;
}) {
  const serviceTypeId = moving ? moving.service.id : plan ? plan.serviceTypeId : 'consultation';
  // The strip opens at the plan's next due window and pages through the whole booking horizon.
  const [nowMs] = useState(() => Date.now());
  const [windowStart, setWindowStart] = useState(() =>
    initialWindowStart(nowMs, plan?.progress?.nextDue?.earliest ?? null, bookingHorizonDays),
  );
  const range = windowRange(windowStart, nowMs, bookingHorizonDays);
  const [generation, setGeneration] = useState(0);
  const slots = useApi(
    (signal) =>
      api.get(
        '/api/portal/slots',
        SlotSearchResponse,
        {
          serviceTypeId,
          from: range.from,
          to: range.to,
          planId: plan?.id,
          bookingId: moving?.id,
          stepMinutes: 30,
        },
        signal,
      ),
    [serviceTypeId, plan?.id, moving?.id, range.from, range.to, generation],
  );
  const [day, setDay] = useState<string | null>(null);
  const [chosen, setChosen] = useState<SlotDto | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const timeZone = slots.data?.timeZone;
  const nextDue = slots.data?.nextDue ?? plan?.progress?.nextDue ?? null;

  const byDay = useMemo(() => {
    const map = new Map<string, SlotDto[]>();
    if (!slots.data) return map;
    for (const slot of slots.data.slots) {
      const d = clinicDate(slot.start, slots.data.timeZone);
      // One time per start: the clinic chooses the provider.
      const list = map.get(d) ?? [];
      if (!list.some((s) => s.start === slot.start)) list.push(slot);
      map.set(d, list);
    }
    return map;
  }, [slots.data]);

  const days = timeZone
    ? windowDates(clinicDate(range.from, timeZone)).filter((d) => d <= clinicDate(range.to, timeZone))
    : [];
  const counts = new Map([...byDay].map(([d, list]) => [d, list.length]));
  function page(steps: number) {
    setWindowStart((start) => moveWindow(start, steps, nowMs, bookingHorizonDays));
    setDay(null);
    setChosen(null);
  }

  async function book() {
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      if (moving) {
        await api.post(`/api/portal/bookings/${moving.id}/reschedule`, BookingDto, { start: chosen.start });
      } else {
        await api.post('/api/portal/bookings', BookingDto, {
          serviceTypeId,
          start: chosen.start,
          ...(plan ? { planId: plan.id } : {}),
        });
      }
      notifications.show({
        color: 'green',
        message: moving ? 'Your appointment is moved.' : 'Your appointment is booked.',
      });
      setChosen(null);
      setDay(null);
      setGeneration((g) => g + 1);
      onBooked();
    } catch (e) {
      setError(e);
      if (e instanceof ApiError && e.code === 'BOOKING_SLOT_TAKEN') {
        setChosen(null);
        setGeneration((g) => g + 1);
      }
    } finally {
      setBusy(false);
    }
  }

  const p = plan?.progress;
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="section"
      aria-labelledby="book-title"
      data-testid="portal-book"
    >
      <Title order={2} fz="lg" id="book-title">
        {moving ? 'Choose a new time' : plan ? 'Book your next session' : 'Book a consultation'}
      </Title>
      {moving ? (
        <Group justify="space-between" mt={4} mb="sm" wrap="nowrap">
          <Text size="sm" data-testid="moving">
            Moving your {moving.service.name.toLowerCase()} on{' '}
            {formatLongDay(clinicDate(moving.startsAt, timeZone ?? 'UTC'))} at{' '}
            {clinicTime(moving.startsAt, timeZone ?? 'UTC')}.
          </Text>
          <Button variant="default" size="compact-sm" onClick={onCancelMove}>
            Keep it
          </Button>
        </Group>
      ) : null}
      {plan ? (
        <Stack gap={2} mt={4} mb="md">
          <Text fw={600}>{plan.name}</Text>
          {p ? (
            <Text size="sm" c="dimmed">
              {p.sessionsCompleted} of {p.sessionsPlanned} sessions done
              {p.sessionsBooked ? `, ${p.sessionsBooked} booked` : ''}
            </Text>
          ) : null}
          {nextDue ? (
            <Text size="sm" data-testid="next-due">
              Your next session is due from <b>{formatDate(nextDue.earliest)}</b> (ideally around{' '}
              {formatDate(nextDue.typical)}).
            </Text>
          ) : null}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed" mt={4} mb="md">
          A 30-minute talk with a clinician about your skin and what treatment could do.
        </Text>
      )}
      {plan && p && p.sessionsToBook === 0 ? (
        <Text size="sm">All sessions of your plan are booked. We look forward to seeing you.</Text>
      ) : slots.status === 'error' && !slots.data ? (
        <ErrorAlert error={slots.error} title="Could not find open times" onRetry={slots.reload} />
      ) : !slots.data || !timeZone ? (
        <Loading label="Finding open times…" />
      ) : slots.data.blockers.length > 0 ? (
        <BlockedBooking codes={slots.data.blockers.map((b) => b.code)} />
      ) : (
        <Stack gap="md">
          <DayStrip
            days={days}
            counts={counts}
            selected={day}
            earliest={nextDue?.earliest ?? null}
            onSelect={(d) => {
              setDay(d);
              setChosen(null);
              setError(null);
            }}
            onEarlier={range.canGoEarlier ? () => page(-1) : null}
            onLater={range.canGoLater ? () => page(1) : null}
          />
          {day ? (
            <div>
              <Text size="sm" fw={600} mb={6} id="time-label">
                2. Choose a time on {formatLongDay(day)}
              </Text>
              {nextDue && day < nextDue.earliest ? (
                <Text size="sm" c="orange.8" mb={6}>
                  This is before your plan’s earliest date ({formatDate(nextDue.earliest)}), so there are no
                  times to choose.
                </Text>
              ) : null}
              <Group gap={8} role="group" aria-labelledby="time-label" data-testid="time-list">
                {(byDay.get(day) ?? []).map((slot) => {
                  const selected = chosen?.start === slot.start;
                  return (
                    <Button
                      key={slot.start}
                      variant={selected ? 'filled' : 'default'}
                      size="md"
                      aria-pressed={selected}
                      onClick={() => {
                        setChosen(slot);
                        setError(null);
                      }}
                    >
                      {clinicTime(slot.start, timeZone)}
                    </Button>
                  );
                })}
              </Group>
            </div>
          ) : null}
          {error ? <PlainRefusal error={error} plan={plan} /> : null}
          {chosen ? (
            <Alert color="blue" variant="light" data-testid="confirm-booking">
              <Text size="sm" mb="sm">
                {plan ? `Session of ${plan.name}` : 'Consultation'} on{' '}
                <b>{formatLongDay(clinicDate(chosen.start, timeZone))}</b> at{' '}
                <b>{clinicTime(chosen.start, timeZone)}</b>
                {plan ? ' (please arrive on time: numbing cream goes on first)' : ''}.
              </Text>
              <Button fullWidth size="md" loading={busy} onClick={() => void book()}>
                {moving ? 'Move to this time' : 'Confirm booking'}
              </Button>
            </Alert>
          ) : null}
        </Stack>
      )}
    </Paper>
  );
}

/** A refusal in plain words for a patient. */
function PlainRefusal({ error, plan }: { error: unknown; plan: PlanDto | null }) {
  const interval = intervalViolation(error);
  let message = messageOf(error);
  let title = 'That time could not be booked';
  if (interval) {
    const days = interval.minIntervalDays ?? plan?.minIntervalDays;
    const earliest = interval.earliestAfter ?? plan?.progress?.nextDue?.earliest;
    title = 'Too soon after your last session';
    message =
      `Your plan needs at least ${days ?? 'a few'} days between sessions` +
      (earliest ? `; the earliest is ${formatLongDay(earliest)}.` : '.') +
      ' Please choose a later day.';
  } else if (error instanceof ApiError) {
    if (error.code === 'BOOKING_NOTICE_TOO_SHORT') {
      title = 'Too close to the appointment';
      message = `${messageOf(error)}.`;
    } else if (error.code === 'BOOKING_SLOT_TAKEN')
      message = 'Someone booked that time a moment ago. Please choose another time.';
    else if (error.code === 'BOOKING_CONSENT_NOT_SIGNED')
      message = 'Please sign the consent for this treatment first (under Consent forms), then book.';
    else if (error.code === 'BOOKING_SCREENING_NOT_CLEARED')
      message =
        'The clinic needs to check your health answers before this session. Please call the clinic to book.';
    else if (error.code === 'BOOKING_IN_PAST')
      message = 'That time has passed or is too soon. Please choose a later time.';
    else if (error.code === 'SCHEDULE_CONFLICT' || error.code === 'BOOKING_OUTSIDE_HOURS')
      message = 'That time is no longer free. Please choose another time.';
  }
  return (
    <Alert color="red" title={title} role="alert" data-testid="portal-refusal">
      <Text size="sm">{message}</Text>
    </Alert>
  );
}

/** What stops every booking for now, in plain words, with the way forward: before any time is offered. */
function BlockedBooking({ codes }: { codes: string[] }) {
  return (
    <Alert color="orange" variant="light" title="Before you can book" data-testid="booking-blocked">
      <Stack gap="xs">
        {codes.includes('BOOKING_CONSENT_NOT_SIGNED') ? (
          <Text size="sm">
            Please sign the consent form for this treatment first.{' '}
            <AnchorLink to="/portal/consents" c="dark.7" fw={600}>
              Go to consent forms
            </AnchorLink>
          </Text>
        ) : null}
        {codes.includes('BOOKING_SCREENING_NOT_CLEARED') ? (
          <Text size="sm">
            The clinic needs to check your health answers before this session. Please call the clinic to book.
          </Text>
        ) : null}
        {codes.includes('BOOKING_PLAN_NOT_ACTIVE') ? (
          <Text size="sm">Your treatment plan is paused. Please call the clinic.</Text>
        ) : null}
      </Stack>
    </Alert>
  );
}
