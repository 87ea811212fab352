import { useEffect, useState } from 'react';
import { Badge, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { getRouteApi, Link, useNavigate, useRouter } from '@tanstack/react-router';
import type { PatientList } from '@needlepoint/core/contracts/patients';
import { AnchorLink } from '../../components/router-links';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { api } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useSession } from '../../lib/session';
import { useApiQuery } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { RequirePermission } from '../shell/require-permission';
import { AddPatientModal } from './add-patient-modal';

const route = getRouteApi('/staff/patients');

export function PatientsPage() {
  return (
    <RequirePermission permission="patient:read">
      <PatientSearch />
    </RequirePermission>
  );
}

function PatientSearch() {
  const { can } = useSession();
  const search = route.useSearch();
  const navigate = useNavigate();
  const [text, setText] = useState(search.q ?? '');
  const [q] = useDebouncedValue(text.trim(), 300);
  const [adding, setAdding] = useState(false);

  // Keep the search in the address, so "back" from a record returns to the same list; but never replace a
  // navigation already on its way elsewhere (a record clicked while its page is still loading).
  const router = useRouter();
  useEffect(() => {
    if (router.state.location.pathname !== '/patients') return;
    void navigate({ to: '/patients', search: q ? { q } : {}, replace: true });
  }, [q, navigate, router]);

  const result = useApiQuery(
    keys.patients.search({ q, limit: 50 }),
    (signal) => api.get<typeof PatientList>('/api/patients', { q, limit: 50 }, signal),
    { keepPrevious: true },
  );
  const patients = result.data?.patients;

  return (
    <>
      <PageHeader
        title="Patients"
        actions={
          can('patient:write') ? (
            <Group gap="xs">
              <Button variant="default" component={Link} to="/patients/import">
                Import records
              </Button>
              <Button onClick={() => setAdding(true)}>Add patient</Button>
            </Group>
          ) : null
        }
      />
      <Stack gap="md">
        <TextInput
          label="Search patients"
          description="Start of a name, email, phone number, or a birth date as YYYY-MM-DD"
          type="search"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          maw={480}
          autoFocus
        />
        {result.isError ? (
          <ErrorAlert
            error={result.error}
            title="Could not load patients"
            onRetry={() => void result.refetch()}
          />
        ) : null}
        {result.isPending ? <Loading /> : null}
        {patients ? (
          <div aria-busy={result.isPlaceholderData}>
            <Text size="sm" c="dimmed" mb="xs" role="status">
              {patients.length === 0
                ? q
                  ? `No patients match “${q}”.`
                  : 'No patients yet.'
                : q
                  ? `${patients.length}${patients.length === 50 ? '+' : ''} matching “${q}”`
                  : `Showing ${patients.length}${patients.length === 50 ? ' (first 50; search to narrow)' : ''}`}
            </Text>
            {patients.length > 0 ? (
              <Table highlightOnHover verticalSpacing="sm" data-testid="patient-list">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Name</Table.Th>
                    <Table.Th>Birth date</Table.Th>
                    <Table.Th visibleFrom="sm">Phone</Table.Th>
                    <Table.Th visibleFrom="md">Email</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {patients.map((p) => (
                    <Table.Tr key={p.id}>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <AnchorLink to="/patients/$patientId" params={{ patientId: p.id }} fw={500}>
                            {p.familyName}, {p.givenName}
                          </AnchorLink>
                          {p.archived ? (
                            <Badge size="xs" color="gray" variant="light">
                              Archived
                            </Badge>
                          ) : null}
                        </Group>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(p.birthDate)}</Table.Td>
                      <Table.Td visibleFrom="sm">{p.phone ?? '—'}</Table.Td>
                      <Table.Td visibleFrom="md" style={{ wordBreak: 'break-all' }}>
                        {p.email ?? '—'}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : null}
          </div>
        ) : null}
      </Stack>
      {adding ? (
        <AddPatientModal
          onClose={() => setAdding(false)}
          onCreated={(id) => void navigate({ to: '/patients/$patientId', params: { patientId: id } })}
        />
      ) : null}
    </>
  );
}
