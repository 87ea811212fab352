import { useState, type FormEvent } from 'react';
import { Badge, Button, Code, Group, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { FhirClient, FhirClientList } from '@needlepoint/core/contracts/fhir-clients';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { api, ApiError, messageOf } from '../../lib/api';
import { useApiMutation, useApiQuery, useInvalidate } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { RequirePermission } from '../shell/require-permission';

/** Systems allowed to read records through the FHIR API (SMART Backend Services): the owner registers them. */
export function FhirClientsPage() {
  return (
    <RequirePermission permission="clinic:write">
      <FhirClientsView />
    </RequirePermission>
  );
}

function FhirClientsView() {
  const list = useApiQuery(keys.fhirClients.list, (signal) =>
    api.get<typeof FhirClientList>('/api/fhir-clients', undefined, signal),
  );
  const revoke = useApiMutation({
    mutationFn: (client: FhirClient) => api.post<typeof FhirClient>(`/api/fhir-clients/${client.id}/revoke`),
    invalidates: [keys.fhirClients.list],
    onSuccess: (_saved, client) =>
      notifications.show({ color: 'green', message: `${client.name} can no longer connect` }),
    onError: (error) => notifications.show({ color: 'red', title: 'Not revoked', message: messageOf(error) }),
  });
  const pending = revoke.isPending ? revoke.variables.id : null;
  const invalidate = useInvalidate();

  return (
    <>
      <PageHeader
        title="Connected systems"
        description="Systems that read patient records through the FHIR API with their own signed key (SMART Backend Services)."
      />
      {list.isError && !list.data ? (
        <ErrorAlert
          error={list.error}
          title="Could not load the systems"
          onRetry={() => void list.refetch()}
        />
      ) : null}
      {list.isPending ? <Loading /> : null}
      {list.data ? (
        <Stack gap="lg">
          <Text size="sm">
            Token address for these systems: <Code>{list.data.tokenUrl}</Code>
          </Text>
          {list.data.clients.length === 0 ? (
            <Text c="dimmed">No system is connected yet.</Text>
          ) : (
            <Table.ScrollContainer minWidth={760}>
              <Table verticalSpacing="sm" data-testid="fhir-client-list">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>System</Table.Th>
                    <Table.Th>Client id</Table.Th>
                    <Table.Th>May read</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.clients.map((client) => (
                    <Table.Tr key={client.id}>
                      <Table.Td>{client.name}</Table.Td>
                      <Table.Td>
                        <Code>{client.clientId}</Code>
                      </Table.Td>
                      <Table.Td>{client.scopes.join(' ')}</Table.Td>
                      <Table.Td>
                        {client.revokedAt ? (
                          <Badge color="gray">Revoked</Badge>
                        ) : (
                          <Badge color="green">Active</Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {client.revokedAt ? null : (
                          <Button
                            variant="subtle"
                            color="red"
                            size="xs"
                            loading={pending === client.id}
                            onClick={() => revoke.mutate(client)}
                          >
                            Revoke
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <RegisterForm onCreated={() => invalidate(keys.fhirClients.list)} />
        </Stack>
      ) : null}
    </>
  );
}

type Field = 'name' | 'scopes' | 'jwks';

function RegisterForm({ onCreated }: { onCreated: (client: FhirClient) => void }) {
  const [values, setValues] = useState<Record<Field, string>>({ name: '', scopes: 'system/*.rs', jwks: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (field: Field) => (e: { currentTarget: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: e.currentTarget.value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const next: Partial<Record<Field, string>> = {};
    let jwks: unknown;
    try {
      jwks = JSON.parse(values.jwks);
    } catch {
      next.jwks = 'Paste the public keys as JSON: { "keys": [ ... ] }';
    }
    if (!values.name.trim()) next.name = 'Name the system';
    const scopes = values.scopes.split(/\s+/).filter(Boolean);
    if (scopes.length === 0) next.scopes = 'Give at least one scope, e.g. system/*.rs';
    setErrors(next);
    setFormError(null);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    try {
      const client = await api.post<typeof FhirClient>('/api/fhir-clients', {
        name: values.name.trim(),
        scopes,
        jwks,
      });
      onCreated(client);
      setValues({ name: '', scopes: 'system/*.rs', jwks: '' });
      notifications.show({ color: 'green', message: `${client.name} is connected; give it its client id` });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'FHIR_CLIENT_KEYS_INVALID')
        setErrors({ jwks: error.message });
      else if (error instanceof ApiError && error.fields.length > 0) {
        const fields: Partial<Record<Field, string>> = {};
        for (const key of Object.keys(values) as Field[]) {
          const message = error.fieldError(key);
          if (message) fields[key] = message;
        }
        setErrors(fields);
        if (Object.keys(fields).length === 0) setFormError(error);
      } else setFormError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm" maw={640}>
        <Title order={3}>Connect a system</Title>
        {formError ? <ErrorAlert error={formError} title="Not connected" /> : null}
        <TextInput label="Name" value={values.name} onChange={set('name')} error={errors.name} required />
        <TextInput
          label="Scopes"
          description="What it may read, e.g. system/*.rs (everything) or system/Patient.rs system/Observation.rs"
          value={values.scopes}
          onChange={set('scopes')}
          error={errors.scopes}
        />
        <Textarea
          label="Public keys (JWKS)"
          description="The system's public key set as JSON. Never paste a private key."
          autosize
          minRows={5}
          value={values.jwks}
          onChange={set('jwks')}
          error={errors.jwks}
          styles={{ input: { fontFamily: 'monospace' } }}
        />
        <Group>
          <Button type="submit" loading={busy}>
            Connect system
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
