import { useState } from 'react';
import { Button, Group, Loader, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { PatientList } from '@needlepoint/core/contracts/patients';
import type { PatientSummary } from '@needlepoint/core/contracts/patients';
import { api, messageOf } from '../../lib/api';
import { useApiQuery } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { formatDate } from '../../lib/format';

/** Find a patient by name, email or phone, and choose one. */
export function PatientPicker({
  value,
  onChange,
  label = 'Patient',
}: {
  value: PatientSummary | null;
  onChange: (patient: PatientSummary | null) => void;
  label?: string;
}) {
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 250);
  const filters = { q: debounced.trim(), limit: 8 };
  const searching = !value && filters.q.length >= 2;
  const found = useApiQuery(
    keys.patients.search(filters),
    (signal) => api.get<typeof PatientList>('/api/patients', filters, signal),
    { enabled: searching },
  );
  const results = searching ? (found.data?.patients ?? []) : [];
  const loading = searching && found.isFetching;
  const error = searching && found.isError ? messageOf(found.error) : null;

  if (value) {
    return (
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {label}
        </Text>
        <Group justify="space-between" wrap="nowrap">
          <Text data-testid="chosen-patient">
            {value.givenName} {value.familyName}{' '}
            <Text span c="dimmed" size="sm">
              · born {formatDate(value.birthDate)}
            </Text>
          </Text>
          <Button variant="subtle" size="compact-sm" onClick={() => onChange(null)}>
            Change
          </Button>
        </Group>
      </Stack>
    );
  }
  return (
    <Stack gap={4}>
      <TextInput
        label={label}
        type="search"
        placeholder="Name, email or phone"
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        rightSection={loading ? <Loader size="xs" /> : null}
        error={error}
        data-autofocus
      />
      {results.length > 0 ? (
        <Paper withBorder radius="sm">
          <Stack gap={0} aria-label="Matching patients">
            {results.map((p) => (
              <Button key={p.id} variant="subtle" justify="flex-start" radius={0} onClick={() => onChange(p)}>
                {p.givenName} {p.familyName}
                <Text span c="dimmed" size="xs" ml={6}>
                  born {formatDate(p.birthDate)}
                </Text>
              </Button>
            ))}
          </Stack>
        </Paper>
      ) : debounced.trim().length >= 2 && !loading && !error ? (
        <Text size="sm" c="dimmed">
          No patient matches “{debounced.trim()}”.
        </Text>
      ) : null}
    </Stack>
  );
}
