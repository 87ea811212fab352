import { useState } from 'react';
import { Anchor, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import type { LotLookupResult } from '@needlepoint/core/contracts/inventory';
import { ErrorAlert } from '../../components/error-alert';
import { AnchorLink } from '../../components/router-links';
import { api } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { formatDateTime } from '../../lib/clinic-time';
import { useApiQuery } from '../../lib/query';
import { keys } from '../../lib/query-keys';

/** Recall: which patients were treated with a lot, with how to reach them, on one screen and as CSV. */
export function RecallsPage() {
  const [lot, setLot] = useState('');
  // The lot last searched for; searching the same lot again reads it again (a recall list must be current).
  const [searched, setSearched] = useState<string | null>(null);
  const lookup = useApiQuery(
    keys.inventory.recall(searched ?? ''),
    (signal) => api.get<typeof LotLookupResult>('/api/recalls/lots', { lot: searched ?? '' }, signal),
    { enabled: searched !== null },
  );
  const result = lookup.data;
  const error = lookup.error;
  const busy = lookup.isFetching;
  function search() {
    const wanted = lot.trim();
    if (wanted === searched) void lookup.refetch();
    else setSearched(wanted);
  }
  return (
    <Stack maw={1000}>
      <Title order={2}>Lot lookup</Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          search();
        }}
      >
        <Group align="end">
          <TextInput
            label="Lot number"
            value={lot}
            onChange={(e) => setLot(e.currentTarget.value)}
            style={{ flex: 1 }}
          />
          <Button type="submit" loading={busy} disabled={lot.trim() === ''}>
            Find patients
          </Button>
        </Group>
      </form>
      {error ? <ErrorAlert error={error} /> : null}
      {result ? (
        <>
          <Group justify="space-between">
            <Text>
              {result.patients.length} treatment(s) with lot <b>{result.lot}</b>
            </Text>
            <Anchor href={`/api/recalls/lots.csv?lot=${encodeURIComponent(result.lot)}`}>Export CSV</Anchor>
          </Group>
          <Table striped data-testid="lot-results">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Patient</Table.Th>
                <Table.Th>Born</Table.Th>
                <Table.Th>Contact</Table.Th>
                <Table.Th>Treated</Table.Th>
                <Table.Th>Product</Table.Th>
                <Table.Th>Provider</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.patients.map((p) => (
                <Table.Tr key={`${p.recordId}-${p.productName}`}>
                  <Table.Td>
                    <AnchorLink to="/patients/$patientId" params={{ patientId: p.patientId }}>
                      {p.patientName}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>{formatDate(p.birthDate)}</Table.Td>
                  <Table.Td>{[p.phone, p.email].filter(Boolean).join(' · ')}</Table.Td>
                  <Table.Td>
                    {formatDateTime(p.treatedAt)} {p.recordStatus === 'draft' ? '(not signed)' : ''}
                  </Table.Td>
                  <Table.Td>
                    {p.productName} {p.expiry ? `(exp ${formatDate(p.expiry)})` : ''}
                  </Table.Td>
                  <Table.Td>{p.providerName}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      ) : null}
    </Stack>
  );
}
