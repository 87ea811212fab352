import type { PlanList } from '@needlepoint/core/contracts/plans';
import { useMemo, useState } from 'react';
import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { CalendarBooking } from '@needlepoint/core/contracts/bookings';
import type { PlanDto } from '@needlepoint/core/contracts/plans';
import type { BookingDto, SlotSearchResponse } from '@needlepoint/core/contracts/scheduling';
import type { SlotDto } from '@needlepoint/core/contracts/scheduling';
import { bookingHorizonDays } from '@needlepoint/core/scheduling/booking-rules';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { AnchorLink } from '../../components/router-links';
import { api, ApiError } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useApiMutation, useApiQuery } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { CalendarFeedButton } from '../schedule/calendar-feed-button';
import { bookingChanges, MyAppointments } from './my-appointments';
import { initialWindowStart, moveWindow, windowDates, windowRange } from './booking-window';
import { DayStrip } from './day-strip';
import { intervalViolation } from '../schedule/schedule-lib';
import { clinicDate, clinicTime, formatLongDay } from '../../lib/clinic-time';
import { AreaMessages, useErrorText, useT } from '../../i18n/i18n';
import en from '../../i18n/booking/en.json';
import es from '../../i18n/booking/es.json';

const bookingCatalogs = { en, es };

/** The patient books the next session of their plan (or a consultation), and sees and cancels appointments. */
export function PortalBookingPage() {
  return (
    <AreaMessages catalogs={bookingCatalogs}>
      <BookingPage />
    </AreaMessages>
  );
}

function BookingPage() {
  const t = useT();
  const plans = useApiQuery(keys.portal.plans, (signal) =>
    api.get<typeof PlanList>('/api/portal/plans', undefined, signal),
  );
  const active = plans.data?.plans.find((p) => p.status === 'active');
  const [moving, setMoving] = useState<CalendarBooking | null>(null);
  const movingPlan = moving?.planId ? (plans.data?.plans.find((p) => p.id === moving.planId) ?? null) : null;

  return (
    <Stack gap="lg">
      <div>
        <AnchorLink to="/portal" size="sm">
          {t('booking.home')}
        </AnchorLink>
        <Title order={1} fz={{ base: 24, sm: 28 }} mt="xs">
          {t('booking.title')}
        </Title>
      </div>
      {plans.isError && !plans.data ? (
        <ErrorAlert
          error={plans.error}
          title={t('booking.planLoadFailed')}
          onRetry={() => void plans.refetch()}
        />
      ) : !plans.data ? (
        <Loading />
      ) : (
        <BookingCard
          key={moving ? `move-${moving.id}` : (active?.id ?? 'consultation')}
          plan={moving ? movingPlan : (active ?? null)}
          moving={moving}
          onCancelMove={() => setMoving(null)}
          onBooked={() => setMoving(null)}
        />
      )}
      <MyAppointments
        onMove={(b) => {
          setMoving(b);
          window.scrollTo({ top: 0, behavior: 'smooth' });
        }}
      />
      <Paper withBorder p="md" radius="md">
        <Title order={2} fz="lg" mb={4}>
          {t('booking.calendar.title')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('booking.calendar.body')}
        </Text>
        <CalendarFeedButton
          label={t('booking.calendar.title')}
          variant="light"
          fullWidth
          description={t('booking.calendar.help')}
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
  const t = useT();
  const serviceTypeId = moving ? moving.service.id : plan ? plan.serviceTypeId : 'consultation';
  // The strip opens at the plan's next due window and pages through the whole booking horizon.
  const [nowMs] = useState(() => Date.now());
  const [windowStart, setWindowStart] = useState(() =>
    initialWindowStart(nowMs, plan?.progress?.nextDue?.earliest ?? null, bookingHorizonDays),
  );
  const range = windowRange(windowStart, nowMs, bookingHorizonDays);
  const search = {
    serviceTypeId,
    from: range.from,
    to: range.to,
    planId: plan?.id,
    bookingId: moving?.id,
    stepMinutes: 30,
  };
  const slots = useApiQuery(keys.portal.slotSearch(search), (signal) =>
    api.get<typeof SlotSearchResponse>('/api/portal/slots', search, signal),
  );
  const [day, setDay] = useState<string | null>(null);
  const [chosen, setChosen] = useState<SlotDto | null>(null);
  const book = useApiMutation({
    mutationFn: (slot: SlotDto) =>
      moving
        ? api.post<typeof BookingDto>(`/api/portal/bookings/${moving.id}/reschedule`, { start: slot.start })
        : api.post<typeof BookingDto>('/api/portal/bookings', {
            serviceTypeId,
            start: slot.start,
            ...(plan ? { planId: plan.id } : {}),
          }),
    invalidates: bookingChanges,
    onSuccess: () => {
      notifications.show({ color: 'green', message: moving ? t('booking.moved') : t('booking.booked') });
      setChosen(null);
      setDay(null);
      onBooked();
    },
    onError: (error) => {
      if (error.code === 'BOOKING_SLOT_TAKEN') {
        setChosen(null);
        void slots.refetch();
      }
    },
  });
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
        {moving ? t('booking.chooseNewTime') : plan ? t('booking.bookNext') : t('booking.bookConsultation')}
      </Title>
      {moving ? (
        <Group justify="space-between" mt={4} mb="sm" wrap="nowrap">
          <Text size="sm" data-testid="moving">
            {t('booking.moving', {
              service: moving.service.name.toLowerCase(),
              day: formatLongDay(clinicDate(moving.startsAt, timeZone ?? 'UTC')),
              time: clinicTime(moving.startsAt, timeZone ?? 'UTC'),
            })}
          </Text>
          <Button variant="default" size="compact-sm" onClick={onCancelMove}>
            {t('booking.keep')}
          </Button>
        </Group>
      ) : null}
      {plan ? (
        <Stack gap={2} mt={4} mb="md">
          <Text fw={600}>{plan.name}</Text>
          {p ? (
            <Text size="sm" c="dimmed">
              {t(p.sessionsBooked ? 'booking.progressBooked' : 'booking.progress', {
                done: p.sessionsCompleted,
                planned: p.sessionsPlanned,
                booked: p.sessionsBooked,
              })}
            </Text>
          ) : null}
          {nextDue ? (
            <Text size="sm" data-testid="next-due">
              {t.rich('booking.nextDue', {
                b: (chunks) => <b>{chunks}</b>,
                earliest: formatDate(nextDue.earliest),
                typical: formatDate(nextDue.typical),
              })}
            </Text>
          ) : null}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed" mt={4} mb="md">
          {t('booking.consultation')}
        </Text>
      )}
      {plan && p && p.sessionsToBook === 0 ? (
        <Text size="sm">{t('booking.allBooked')}</Text>
      ) : slots.isError && !slots.data ? (
        <ErrorAlert
          error={slots.error}
          title={t('booking.slotsFailed')}
          onRetry={() => void slots.refetch()}
        />
      ) : !slots.data || !timeZone ? (
        <Loading label={t('booking.finding')} />
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
              book.reset();
            }}
            onEarlier={range.canGoEarlier ? () => page(-1) : null}
            onLater={range.canGoLater ? () => page(1) : null}
          />
          {day ? (
            <div>
              <Text size="sm" fw={600} mb={6} id="time-label">
                {t('booking.chooseTime', { day: formatLongDay(day) })}
              </Text>
              {nextDue && day < nextDue.earliest ? (
                <Text size="sm" c="orange.8" mb={6}>
                  {t('booking.beforeEarliest', { earliest: formatDate(nextDue.earliest) })}
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
                        book.reset();
                      }}
                    >
                      {clinicTime(slot.start, timeZone)}
                    </Button>
                  );
                })}
              </Group>
            </div>
          ) : null}
          {book.error ? <PlainRefusal error={book.error} plan={plan} /> : null}
          {chosen ? (
            <Alert color="blue" variant="light" data-testid="confirm-booking">
              <Text size="sm" mb="sm">
                {t.rich(plan ? 'booking.confirmSession' : 'booking.confirmConsultation', {
                  b: (chunks) => <b>{chunks}</b>,
                  plan: plan?.name ?? '',
                  day: formatLongDay(clinicDate(chosen.start, timeZone)),
                  time: clinicTime(chosen.start, timeZone),
                })}
              </Text>
              <Button fullWidth size="md" loading={book.isPending} onClick={() => book.mutate(chosen)}>
                {moving ? t('booking.moveHere') : t('booking.confirm')}
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
  const t = useT();
  const errorText = useErrorText();
  const interval = intervalViolation(error);
  let message = errorText(error);
  let title = t('booking.refused');
  if (interval) {
    const days = interval.minIntervalDays ?? plan?.minIntervalDays;
    const earliest = interval.earliestAfter ?? plan?.progress?.nextDue?.earliest;
    title = t('booking.tooSoon');
    message = t('booking.interval', {
      days: days ?? 'unknown',
      earliest: earliest ? formatLongDay(earliest) : 'none',
    });
  } else if (error instanceof ApiError) {
    if (error.code === 'BOOKING_NOTICE_TOO_SHORT') {
      title = t('booking.tooClose');
      const hours = Number(error.details.noticeHours);
      message = Number.isFinite(hours) ? t('booking.tooCloseBody', { hours }) : `${errorText(error)}.`;
    } else if (error.code === 'BOOKING_SLOT_TAKEN') message = t('booking.taken');
    else if (error.code === 'BOOKING_CONSENT_NOT_SIGNED') message = t('booking.consentFirst');
    else if (error.code === 'BOOKING_SCREENING_NOT_CLEARED') message = t('booking.screening');
    else if (error.code === 'BOOKING_IN_PAST') message = t('booking.past');
    else if (error.code === 'SCHEDULE_CONFLICT' || error.code === 'BOOKING_OUTSIDE_HOURS')
      message = t('booking.notFree');
  }
  return (
    <Alert color="red" title={title} role="alert" data-testid="portal-refusal">
      <Text size="sm">{message}</Text>
    </Alert>
  );
}

/** What stops every booking for now, in plain words, with the way forward: before any time is offered. */
function BlockedBooking({ codes }: { codes: string[] }) {
  const t = useT();
  return (
    <Alert color="orange" variant="light" title={t('booking.blocked')} data-testid="booking-blocked">
      <Stack gap="xs">
        {codes.includes('BOOKING_CONSENT_NOT_SIGNED') ? (
          <Text size="sm">
            {t('booking.blockedConsent')}{' '}
            <AnchorLink to="/portal/consents" c="dark.7" fw={600}>
              {t('booking.goConsents')}
            </AnchorLink>
          </Text>
        ) : null}
        {codes.includes('BOOKING_SCREENING_NOT_CLEARED') ? (
          <Text size="sm">{t('booking.screening')}</Text>
        ) : null}
        {codes.includes('BOOKING_PLAN_NOT_ACTIVE') ? <Text size="sm">{t('booking.paused')}</Text> : null}
      </Stack>
    </Alert>
  );
}
