import { Alert, List, Paper, Stack, Text, Title } from '@mantine/core';
import { PatientRecord } from '@needlepoint/core/contracts/patients';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { api } from '../../lib/api';
import { useUser } from '../../lib/session';
import { useApi } from '../../lib/use-api';
import { PatientDetails } from '../patients/patient-details';

export function PortalHomePage() {
  const user = useUser();
  const record = useApi((signal) => api.get('/api/portal/me', PatientRecord, undefined, signal), []);
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
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="coming-soon">
        <Title order={2} fz="lg" mb="sm" id="coming-soon">
          Coming soon
        </Title>
        <Alert variant="light" color="blue" mb="sm">
          These are not available online yet. Until then, please contact the clinic.
        </Alert>
        <List spacing="xs" size="sm">
          <List.Item>
            <strong>Health questions before your visit</strong>: fill in your medical history and medicines at
            home, so your first appointment is quicker.
          </List.Item>
          <List.Item>
            <strong>Booking</strong>: choose and change your treatment sessions online.
          </List.Item>
        </List>
      </Paper>
    </Stack>
  );
}
