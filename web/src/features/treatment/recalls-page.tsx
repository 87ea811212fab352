import { useState } from 'react';
import { Anchor, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import type { LotLookupResult } from '@needlepoint/core/contracts/inventory';
import type { z } from 'zod';
import { ErrorAlert } from '../../components/error-alert';
import { AnchorLink } from '../../components/router-links';
import { api } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { formatDateTime } from '../../lib/clinic-time';

/** Recall: which patients were treated with a lot, with how to reach them, on one screen and as CSV. */
export function RecallsPage() {
  const [lot, setLot] = useState('');
  const [result, setResult] = useState<z.output<typeof LotLookupResult> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function search() {
    setBusy(true);
    setError(null);
    try {
      setResult(await api.get<typeof LotLookupResult>('/api/recalls/lots', { lot: lot.trim() }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Stack maw={1000}>
      <Title order={2}>Lot lookup</Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void search();
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
