import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { PatientSummary } from '@needlepoint/core/contracts/patients';
import type { BookingDto, SlotSearchResponse } from '@needlepoint/core/contracts/scheduling';
import { isPlanBookable } from '@needlepoint/core/plans/plan';
import type { SlotDto } from '@needlepoint/core/contracts/scheduling';
import { ErrorAlert } from '../../components/error-alert';
import { api, ApiError } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useApiMutation, useApiQuery } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { useSession } from '../../lib/session';
import {
  bookingChanges,
  usePatientPlans,
  usePatientRecord,
  useRooms,
  useServiceTypes,
} from '../staff-shared';
import { PatientPicker } from './patient-picker';
import { BookingRefusal } from './refusal';
import { refusalTitles } from './schedule-lib';
import {
  addDays,
  clinicTime,
  clinicToday,
  formatLongDay,
  formatRange,
  windowUtc,
} from '../../lib/clinic-time';
import { planStatusLabels } from '../staff-shared';
import { shortProviderName } from './providers';

export interface NewBookingPrefill {
  patient?: PatientSummary | null;
  patientId?: string;
  planId?: string;
  serviceTypeId?: string;
  date?: string;
}

/**
 * New booking: patient → service → plan (optional) → provider (optional) → day → open slots → book.
 * Refusals (interval, screening, clash, race) are shown in the server's words.
 */
export function NewBookingModal({
  timeZone,
  providers,
  prefill,
  onClose,
  onBooked,
}: {
  timeZone: string;
  providers: { id: string; name: string }[];
  prefill: NewBookingPrefill;
  onClose: () => void;
  onBooked: (booking: BookingDto) => void;
}) {
  const { user } = useSession();
  const canOverride = user?.role === 'provider' || user?.role === 'owner';
  const [patient, setPatient] = useState<PatientSummary | null>(prefill.patient ?? null);
  const [serviceTypeId, setServiceTypeId] = useState<string | null>(prefill.serviceTypeId ?? null);
  const [planId, setPlanId] = useState<string | null>(prefill.planId ?? null);
  const [providerId, setProviderId] = useState<string | null>(null);
  const [date, setDate] = useState(prefill.date ?? '');
  const [chosen, setChosen] = useState<SlotDto | null>(null);
  const [refusal, setRefusal] = useState<unknown>(null);

  // A prefilled patient id (from a plan's "Book next session") is looked up once.
  const prefilled = usePatientRecord(prefill.patient ? null : prefill.patientId);
  const prefilledPatient = prefilled.data ?? null;
  useEffect(() => {
    if (prefilledPatient) setPatient(prefilledPatient);
  }, [prefilledPatient]);

  const services = useServiceTypes();
  const rooms = useRooms();
  const plans = usePatientPlans(patient?.id);
  const bookablePlans = (plans.data?.plans ?? []).filter((p) => isPlanBookable(p.status));
  const service = services.data?.serviceTypes.find((s) => s.id === serviceTypeId);
  const plan = bookablePlans.find((p) => p.id === planId);

  const ready = Boolean(patient && serviceTypeId && /^\d{4}-\d{2}-\d{2}$/.test(date));
  const search = {
    serviceTypeId: serviceTypeId ?? undefined,
    ...(ready ? windowUtc(date, addDays(date, 1), timeZone) : {}),
    providerId: providerId ?? undefined,
    planId: plan && service?.isPlanSession ? plan.id : undefined,
    patientId: patient?.id,
  };
  const slots = useApiQuery(
    keys.schedule.slots(search),
    (signal) => api.get<typeof SlotSearchResponse>('/api/slots', search, signal),
    { enabled: ready },
  );
  useEffect(() => setChosen(null), [serviceTypeId, date, providerId, planId, patient?.id]);

  // Going to a plan's next session: default to the plan's next due day.
  useEffect(() => {
    if (!plan || date) return;
    const due = plan.progress?.nextDue?.earliest;
    const today = clinicToday(timeZone);
    setDate(due && due > today ? due : today);
  }, [plan, date, timeZone]);

  const providerName = useMemo(() => new Map(providers.map((p) => [p.id, p.name])), [providers]);
  const roomName = useMemo(() => new Map((rooms.data?.rooms ?? []).map((r) => [r.id, r.name])), [rooms.data]);

  // Every outcome changes the open times: a booking takes one, a race means another was taken.
  const booking = useApiMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<typeof BookingDto>('/api/bookings', body),
    invalidates: bookingChanges,
    onSuccess: onBooked,
    onError: (error) => {
      setRefusal(error);
      if (error instanceof ApiError && error.code === 'BOOKING_SLOT_TAKEN') {
        setChosen(null);
        void slots.refetch();
      }
    },
  });
  const busy = booking.isPending;

  function book(override?: string) {
    if (!patient || !serviceTypeId || !chosen) return;
    booking.mutate({
      patientId: patient.id,
      serviceTypeId,
      providerId: chosen.providerId,
      start: chosen.start,
      ...(plan && service?.isPlanSession ? { planId: plan.id } : {}),
      ...(override ? { override: { reason: override } } : {}),
    });
  }

  const nextDue = slots.data?.nextDue;
  const blockers = slots.data?.blockers ?? [];
  return (
    <Modal opened onClose={onClose} title="New booking" size="lg">
      <Stack gap="md">
        <PatientPicker
          value={patient}
          onChange={(p) => {
            setPatient(p);
            setPlanId(null);
          }}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label="Service"
            placeholder="Choose a service"
            data={(services.data?.serviceTypes ?? []).map((s) => ({
              value: s.id,
              label: `${s.name} (${s.numbingMinutes + s.procedureMinutes} min)`,
            }))}
            value={serviceTypeId}
            onChange={setServiceTypeId}
            allowDeselect={false}
            error={services.isError ? 'Could not load the services' : undefined}
          />
          <Select
            label="Treatment plan"
            placeholder={
              patient ? (bookablePlans.length ? 'No plan' : 'No active plan') : 'Choose a patient first'
            }
            data={bookablePlans.map((p) => ({
              value: p.id,
              label: `${p.name} (${planStatusLabels[p.status] ?? p.status})`,
            }))}
            value={planId}
            onChange={(id) => {
              setPlanId(id);
              // A plan's sessions are booked as the service the plan names (e.g. with PRP).
              const chosenPlan = bookablePlans.find((p) => p.id === id);
              if (chosenPlan) setServiceTypeId(chosenPlan.serviceTypeId);
            }}
            clearable
            disabled={!patient || bookablePlans.length === 0}
          />
          <Select
            label="Provider"
            placeholder="Any provider"
            data={providers.map((p) => ({ value: p.id, label: p.name }))}
            value={providerId}
            onChange={setProviderId}
            clearable
          />
          <TextInput label="Day" type="date" value={date} onChange={(e) => setDate(e.currentTarget.value)} />
        </SimpleGrid>
        {plan && service && !service.isPlanSession ? (
          <Text size="sm" c="dimmed">
            {service.name} does not count as a plan session; the plan is not linked.
          </Text>
        ) : null}
        {nextDue ? (
          <Alert variant="light" color="blue" p="xs">
            <Text size="sm">
              Next session due from {formatDate(nextDue.earliest)} (typically {formatDate(nextDue.typical)}).
            </Text>
          </Alert>
        ) : null}
        {blockers.length > 0 ? (
          <Alert
            variant="light"
            color="orange"
            title="Booking will be refused"
            data-testid="booking-blockers"
          >
            <Stack gap={4}>
              {blockers.map((b) => (
                <Text size="sm" key={b.code}>
                  {refusalTitles[b.code] ?? b.code}: {b.message}
                  {b.overridable ? ' You may override it with a reason.' : ''}
                </Text>
              ))}
            </Stack>
          </Alert>
        ) : null}
        {ready ? (
          <Stack gap="xs">
            <Text fw={600} size="sm">
              Open times on {formatLongDay(date)}
            </Text>
            {slots.isError ? (
              <ErrorAlert
                error={slots.error}
                title="Could not find open times"
                onRetry={() => void slots.refetch()}
              />
            ) : !slots.data ? (
              <Text size="sm" c="dimmed">
                Looking for open times…
              </Text>
            ) : slots.data.slots.length === 0 ? (
              <Text size="sm" c="dimmed" data-testid="no-slots">
                No open times that day. Try another day or provider.
              </Text>
            ) : (
              <Group gap={6} data-testid="slot-list">
                {slots.data.slots.map((slot) => {
                  const selected = chosen?.start === slot.start && chosen.providerId === slot.providerId;
                  const refused = slot.refusals.length > 0;
                  const why = slot.refusals.map((c) => refusalTitles[c] ?? c).join(', ');
                  return (
                    <Button
                      key={`${slot.start}-${slot.providerId}`}
                      size="compact-sm"
                      variant={selected ? 'filled' : 'default'}
                      color={refused ? 'orange' : undefined}
                      title={refused ? why : undefined}
                      aria-pressed={selected}
                      onClick={() => {
                        setChosen(slot);
                        setRefusal(null);
                      }}
                      aria-label={`${clinicTime(slot.start, timeZone)} with ${providerName.get(slot.providerId) ?? 'a provider'}${refused ? ` (would be refused: ${why})` : ''}`}
                    >
                      {clinicTime(slot.start, timeZone)}
                      {providers.length > 1 && !providerId ? (
                        <Text span size="xs" ml={4} c={selected ? undefined : 'dimmed'}>
                          {shortProviderName(providerName.get(slot.providerId))}
                        </Text>
                      ) : null}
                    </Button>
                  );
                })}
              </Group>
            )}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            Choose a patient, a service and a day to see open times.
          </Text>
        )}
        {refusal ? (
          <BookingRefusal
            error={refusal}
            canOverride={canOverride}
            busy={busy}
            onOverride={(reason) => book(reason)}
          />
        ) : null}
        {chosen ? (
          <Alert variant="light" color="gray" data-testid="booking-summary">
            <Text size="sm">
              {service?.name ?? 'Appointment'} for {patient?.givenName} {patient?.familyName},{' '}
              {formatRange(chosen.start, chosen.end, timeZone)} with{' '}
              {providerName.get(chosen.providerId) ?? 'a provider'}
              {chosen.roomId ? ` in ${roomName.get(chosen.roomId) ?? 'a room'}` : ''}
              {service && service.numbingMinutes > 0
                ? ` (numbing from ${clinicTime(chosen.start, timeZone)}, procedure from ${clinicTime(chosen.procedureStart, timeZone)})`
                : ''}
              .
            </Text>
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
          <Button onClick={() => book()} disabled={!chosen} loading={busy}>
            Book
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
