import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { BookingList } from '@needlepoint/core/contracts/bookings';
import { PortalConsents } from '@needlepoint/core/contracts/consents';
import { IntakeState } from '@needlepoint/core/contracts/portal';
import { PatientRecord } from '@needlepoint/core/contracts/patients';
import { useState, type ReactNode } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { AnchorLink } from '../../components/router-links';
import { api, messageOf } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useUser } from '../../lib/session';
import { useApi } from '../../lib/use-api';
import { PortalCheckInCard } from '../aftercare/portal-check-in-card';
import { PortalTimelineCard } from '../aftercare/portal-timeline-card';
import { PatientDetails } from '../patients/patient-details';
import { clinicDate, clinicTime, formatLongDay } from '../schedule/schedule-lib';
import { needsSigning } from './consents/consents-page';

export function PortalHomePage() {
  const user = useUser();
  const record = useApi((signal) => api.get('/api/portal/me', PatientRecord, undefined, signal), []);
  const intake = useApi((signal) => api.get('/api/portal/intake', IntakeState, undefined, signal), []);
  const consents = useApi((signal) => api.get('/api/portal/consents', PortalConsents, undefined, signal), []);
  const toSign = consents.data?.consents.filter(needsSigning).length;
  const bookings = useApi((signal) => api.get('/api/portal/bookings', BookingList, undefined, signal), []);
  const [now] = useState(() => Date.now());
  const next = (bookings.data?.bookings ?? [])
    .filter((b) => b.status === 'booked' && Date.parse(b.startsAt) > now)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0];
  const tz = bookings.data?.timeZone;

  return (
    <Stack gap="lg">
      <div>
        <Title order={1} fz={{ base: 24, sm: 28 }}>
          Welcome, {user.name}
        </Title>
        <Text c="dimmed" mt={4}>
          Your page at {user.clinicName}.
        </Text>
      </div>

      <PortalCheckInCard />

      <Paper withBorder radius="md" component="section" aria-labelledby="to-do" data-testid="portal-to-do">
        <Title order={2} fz="lg" id="to-do" p="md" pb={4}>
          Before your visit
        </Title>
        <Stack gap={0}>
          <ToDo
            to="/portal/intake"
            title="Health questionnaire"
            loading={!intake.data && intake.status !== 'error'}
            error={intake.status === 'error' ? messageOf(intake.error) : null}
            done={intake.data?.status === 'submitted'}
            status={
              intake.data?.status === 'submitted'
                ? `Sent on ${formatDate(intake.data.submittedAt)}`
                : intake.data?.status === 'draft'
                  ? 'In progress — pick up where you left off'
                  : 'Not started · about 10 minutes'
            }
            action={
              intake.data?.status === 'submitted'
                ? 'View or update'
                : intake.data?.status === 'draft'
                  ? 'Continue'
                  : 'Start'
            }
          />
          <ToDo
            to="/portal/consents"
            title="Consent forms"
            loading={!consents.data && consents.status !== 'error'}
            error={consents.status === 'error' ? messageOf(consents.error) : null}
            done={toSign === 0}
            status={
              toSign === 0
                ? 'Nothing to sign'
                : toSign === 1
                  ? '1 form to sign'
                  : `${toSign ?? 0} forms to sign`
            }
            action={toSign === 0 ? 'View' : 'Read and sign'}
          />
          <ToDo
            to="/portal/photos"
            title="Photos of the areas to treat (optional)"
            loading={false}
            error={null}
            done={false}
            status="Helps your provider prepare; needs your clinical photo consent"
            action="Add photos"
          />
        </Stack>
      </Paper>

      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="appointments">
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <div>
            <Title order={2} fz="lg" id="appointments">
              Appointments
            </Title>
            {next && tz ? (
              <Text size="sm" data-testid="next-appointment">
                Next: <b>{formatLongDay(clinicDate(next.startsAt, tz))}</b> at{' '}
                <b>{clinicTime(next.startsAt, tz)}</b>, {next.service.name}
                {next.sessionNumber ? ` (session ${next.sessionNumber})` : ''}
              </Text>
            ) : (
              <Text size="sm" c="dimmed">
                Book your next session or a consultation, and see your appointments.
              </Text>
            )}
          </div>
          <AnchorLink
            to="/portal/book"
            fw={600}
            style={{ flex: 'none', padding: '10px 0' }}
            data-testid="portal-book-link"
          >
            Book
          </AnchorLink>
        </Group>
      </Paper>

      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="your-results">
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <div>
            <Title order={2} fz="lg" id="your-results">
              Your results
            </Title>
            <Text size="sm" c="dimmed">
              Tell us how the treated area looks to you and how satisfied you are.
            </Text>
          </div>
          <AnchorLink to="/portal/results" fw={600} style={{ flex: 'none', padding: '10px 0' }}>
            Open
          </AnchorLink>
        </Group>
      </Paper>
      <PortalTimelineCard />

      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="your-details">
        <Title order={2} fz="lg" mb="md" id="your-details">
          Your details
        </Title>
        {record.status === 'error' ? (
          <ErrorAlert error={record.error} title="Could not load your details" onRetry={record.reload} />
        ) : record.data ? (
          <Stack gap="md">
            <Text fw={600}>
              {record.data.givenName} {record.data.familyName}
            </Text>
            <PatientDetails patient={record.data} />
            <Text size="sm" c="dimmed">
              Something wrong or out of date? Please tell the clinic at your next visit or by phone.
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
              Done
            </Badge>
          ) : null}
        </Group>
        <Text size="sm" c={error ? 'red.8' : 'dimmed'} data-testid={`to-do-status-${to.split('/').pop()}`}>
          {loading ? 'Checking…' : (error ?? status)}
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
