import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { BookingList } from '@needlepoint/core/contracts/bookings';
import type { PortalConsents } from '@needlepoint/core/contracts/consents';
import type { IntakeState } from '@needlepoint/core/contracts/portal';
import type { PatientRecord } from '@needlepoint/core/contracts/patients';
import { useState, type ReactNode } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { AnchorLink } from '../../components/router-links';
import { api } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useUser } from '../../lib/session';
import { useApiQuery } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { PortalCheckInCard } from '../aftercare/portal-check-in-card';
import { PortalTimelineCard } from '../aftercare/portal-timeline-card';
import { PatientDetails } from '../patients/patient-details';
import { clinicDate, clinicTime, formatLongDay } from '../../lib/clinic-time';
import { needsSigning } from './consents/consents-page';
import { AreaMessages, useErrorText, useT } from '../../i18n/i18n';
import en from '../../i18n/home/en.json';
import es from '../../i18n/home/es.json';

const homeCatalogs = { en, es };

export function PortalHomePage() {
  return (
    <AreaMessages catalogs={homeCatalogs}>
      <HomePage />
    </AreaMessages>
  );
}

function HomePage() {
  const t = useT();
  const errorText = useErrorText();
  const user = useUser();
  const record = useApiQuery(keys.portal.me, (signal) =>
    api.get<typeof PatientRecord>('/api/portal/me', undefined, signal),
  );
  const intake = useApiQuery(keys.portal.intake, (signal) =>
    api.get<typeof IntakeState>('/api/portal/intake', undefined, signal),
  );
  const consents = useApiQuery(keys.portal.consents, (signal) =>
    api.get<typeof PortalConsents>('/api/portal/consents', undefined, signal),
  );
  const toSign = consents.data?.consents.filter(needsSigning).length;
  const bookings = useApiQuery(keys.portal.bookings, (signal) =>
    api.get<typeof BookingList>('/api/portal/bookings', undefined, signal),
  );
  const [now] = useState(() => Date.now());
  const next = (bookings.data?.bookings ?? [])
    .filter((b) => b.status === 'booked' && Date.parse(b.startsAt) > now)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0];
  const tz = bookings.data?.timeZone;

  return (
    <Stack gap="lg">
      <div>
        <Title order={1} fz={{ base: 24, sm: 28 }}>
          {t('home.welcome', { name: user.name })}
        </Title>
        <Text c="dimmed" mt={4}>
          {t('home.yourPage', { clinic: user.clinicName })}
        </Text>
      </div>

      <PortalCheckInCard />

      <Paper withBorder radius="md" component="section" aria-labelledby="to-do" data-testid="portal-to-do">
        <Title order={2} fz="lg" id="to-do" p="md" pb={4}>
          {t('home.beforeVisit')}
        </Title>
        <Stack gap={0}>
          <ToDo
            to="/portal/intake"
            title={t('home.intake.title')}
            loading={!intake.data && !intake.isError}
            error={intake.isError ? errorText(intake.error) : null}
            done={intake.data?.status === 'submitted'}
            status={
              intake.data?.status === 'submitted'
                ? t('home.intake.sent', { date: formatDate(intake.data.submittedAt) })
                : intake.data?.status === 'draft'
                  ? t('home.intake.draft')
                  : t('home.intake.new')
            }
            action={
              intake.data?.status === 'submitted'
                ? t('home.intake.update')
                : intake.data?.status === 'draft'
                  ? t('home.intake.continue')
                  : t('home.intake.start')
            }
          />
          <ToDo
            to="/portal/consents"
            title={t('home.consents.title')}
            loading={!consents.data && !consents.isError}
            error={consents.isError ? errorText(consents.error) : null}
            done={toSign === 0}
            status={t('home.consents.status', { count: toSign ?? 0 })}
            action={toSign === 0 ? t('home.consents.view') : t('home.consents.sign')}
          />
          <ToDo
            to="/portal/photos"
            title={t('home.photos.title')}
            loading={false}
            error={null}
            done={false}
            status={t('home.photos.status')}
            action={t('home.photos.action')}
          />
        </Stack>
      </Paper>

      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="appointments">
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <div>
            <Title order={2} fz="lg" id="appointments">
              {t('home.appointments.title')}
            </Title>
            {next && tz ? (
              <Text size="sm" data-testid="next-appointment">
                {t.rich(next.sessionNumber ? 'home.appointments.nextSession' : 'home.appointments.next', {
                  b: (chunks) => <b>{chunks}</b>,
                  day: formatLongDay(clinicDate(next.startsAt, tz)),
                  time: clinicTime(next.startsAt, tz),
                  service: next.service.name,
                  session: next.sessionNumber ?? '',
                })}
              </Text>
            ) : (
              <Text size="sm" c="dimmed">
                {t('home.appointments.none')}
              </Text>
            )}
          </div>
          <AnchorLink
            to="/portal/book"
            fw={600}
            style={{ flex: 'none', padding: '10px 0' }}
            data-testid="portal-book-link"
          >
            {t('home.appointments.book')}
          </AnchorLink>
        </Group>
      </Paper>

      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="your-results">
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <div>
            <Title order={2} fz="lg" id="your-results">
              {t('home.results.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('home.results.body')}
            </Text>
          </div>
          <AnchorLink to="/portal/results" fw={600} style={{ flex: 'none', padding: '10px 0' }}>
            {t('home.results.open')}
          </AnchorLink>
        </Group>
      </Paper>
      <PortalTimelineCard />

      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="learn">
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <div>
            <Title order={2} fz="lg" id="learn">
              {t('home.learn.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('home.learn.body')}
            </Text>
          </div>
          <AnchorLink to="/portal/learn" fw={600} style={{ flex: 'none', padding: '10px 0' }}>
            {t('home.learn.open')}
          </AnchorLink>
        </Group>
      </Paper>

      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="your-details">
        <Title order={2} fz="lg" mb="md" id="your-details">
          {t('home.details.title')}
        </Title>
        {record.isError ? (
          <ErrorAlert
            error={record.error}
            title={t('home.details.loadFailed')}
            onRetry={() => void record.refetch()}
          />
        ) : record.data ? (
          <Stack gap="md">
            <Text fw={600}>
              {record.data.givenName} {record.data.familyName}
            </Text>
            <PatientDetails
              patient={record.data}
              labels={{
                birthDate: t('home.details.birthDate'),
                age: (age) => t('home.details.age', { age }),
                sex: t('home.details.sex'),
                sexes: {
                  female: t('home.details.sex.female'),
                  male: t('home.details.sex.male'),
                  other: t('home.details.sex.other'),
                  unknown: t('home.details.sex.unknown'),
                },
                phone: t('home.details.phone'),
                email: t('home.details.email'),
                address: t('home.details.address'),
              }}
            />
            <Text size="sm" c="dimmed">
              {t('home.details.wrong')}
            </Text>
          </Stack>
        ) : (
          <Loading />
        )}
      </Paper>
    </Stack>
  );
}

function ToDo({
  to,
  title,
  status,
  action,
  done,
  loading,
  error,
}: {
  to: '/portal/intake' | '/portal/consents' | '/portal/photos';
  title: string;
  status: ReactNode;
  action: string;
  done: boolean;
  loading: boolean;
  error: string | null;
}) {
  const t = useT();
  return (
    <Group
      justify="space-between"
      wrap="nowrap"
      gap="sm"
      px="md"
      py="sm"
      mih={64}
      style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
    >
      <div style={{ minWidth: 0 }}>
        <Group gap={8} wrap="nowrap">
          <Text fw={600}>{title}</Text>
          {done && !loading ? (
            <Badge color="green" variant="light" size="sm">
              {t('home.done')}
            </Badge>
          ) : null}
        </Group>
        <Text size="sm" c={error ? 'red.8' : 'dimmed'} data-testid={`to-do-status-${to.split('/').pop()}`}>
          {loading ? t('home.checking') : (error ?? status)}
        </Text>
      </div>
      <AnchorLink
        to={to}
        fw={600}
        style={{ flex: 'none', padding: '10px 0' }}
        aria-label={`${action}: ${title}`}
      >
        {action}
      </AnchorLink>
    </Group>
  );
}
