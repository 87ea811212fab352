import { useState } from 'react';
import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type {
  InventoryAlerts,
  InventoryLot,
  InventoryProduct,
  LotList,
  ProductList,
} from '@needlepoint/core/contracts/inventory';
import { productKinds } from '@needlepoint/core/contracts/inventory';
import type { Gs1Label } from '@needlepoint/core/treatment/gs1';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { api } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useApiMutation, useApiQuery } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { useSession } from '../../lib/session';
import { ScanBoxButton } from './box-scanner';

const kindLabels: Record<string, string> = {
  cartridge: 'Cartridge',
  roller: 'Roller',
  glide: 'Glide medium',
  adjunct: 'Adjunct',
  numbing: 'Numbing',
  other: 'Other',
};

/** Stock: products, lots with expiry and quantity, what is expiring or low, and devices due for service. */
export function InventoryPage() {
  const { can } = useSession();
  const manage = can('inventory:manage');
  const products = useApiQuery(keys.inventory.products, (signal) =>
    api.get<typeof ProductList>('/api/inventory/products', undefined, signal),
  );
  const lots = useApiQuery(keys.inventory.lots, (signal) =>
    api.get<typeof LotList>('/api/inventory/lots', undefined, signal),
  );
  const alerts = useApiQuery(keys.inventory.alerts, (signal) =>
    api.get<typeof InventoryAlerts>('/api/inventory/alerts', { withinDays: 60 }, signal),
  );
  // Stock changes move the lots, the alerts and (for a new product) the product list: the whole area is read again.
  const addProduct = useApiMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api.post<typeof InventoryProduct>('/api/inventory/products', body),
    invalidates: [keys.inventory.all],
  });
  const receiveLot = useApiMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<typeof InventoryLot>('/api/inventory/lots', body),
    invalidates: [keys.inventory.all],
  });
  const error = addProduct.error ?? receiveLot.error;
  const [product, setProduct] = useState({
    name: '',
    kind: 'cartridge',
    gtin: '',
    needleCount: '' as number | '',
    sterile: false,
  });
  const [receive, setReceive] = useState({ productId: '', lot: '', expiry: '', quantity: 10 as number | '' });
  const [scanNote, setScanNote] = useState<string | null>(null);
  if (!products.data || !lots.data)
    return products.error ? <ErrorAlert error={products.error} /> : <Loading />;
  const known = products.data.products;
  /** A scanned box: its product found by GTIN, its lot and expiry filled; an unknown GTIN is offered as a new product. */
  function receiveScanned(label: Gs1Label) {
    const match = label.gtin ? known.find((p) => p.gtin === label.gtin) : undefined;
    setReceive((r) => ({
      ...r,
      productId: match?.id ?? r.productId,
      lot: label.lot ?? r.lot,
      expiry: label.expiry ?? r.expiry,
    }));
    if (label.gtin && !match) {
      setProduct((p) => ({ ...p, gtin: label.gtin ?? '' }));
      setScanNote(
        `No product has GTIN ${label.gtin}: add it under Products (its GTIN is filled in), then receive.`,
      );
    } else setScanNote(null);
  }
  return (
    <Stack maw={1000}>
      <Title order={2}>Inventory</Title>
      {error ? <ErrorAlert error={error} title="Not saved" /> : null}
      {alerts.data ? (
        <Card withBorder data-testid="inventory-alerts">
          <Title order={3} size="h4">
            Needs attention
          </Title>
          {alerts.data.expiring.length + alerts.data.lowStock.length + alerts.data.serviceDue.length === 0 ? (
            <Text size="sm" c="dimmed">
              Nothing expiring in 60 days, no low stock, no service due.
            </Text>
          ) : null}
          {alerts.data.expiring.map((l) => (
            <Text key={l.id} size="sm">
              <Badge color={l.expired ? 'red' : 'yellow'}>{l.expired ? 'Expired' : 'Expiring'}</Badge>{' '}
              {l.productName}, lot {l.lot}: {formatDate(l.expiry)} ({l.quantityOnHand} left)
            </Text>
          ))}
          {alerts.data.lowStock.map((p) => (
            <Text key={p.id} size="sm">
              <Badge color="orange">Low stock</Badge> {p.name}: {p.quantityOnHand} left (threshold{' '}
              {p.lowStockThreshold})
            </Text>
          ))}
          {alerts.data.serviceDue.map((d) => (
            <Text key={d.id} size="sm">
              <Badge color="grape">Service due</Badge> {d.name}: {formatDate(d.nextServiceDueOn)}
            </Text>
          ))}
        </Card>
      ) : null}
      <Card withBorder>
        <Title order={3} size="h4" mb="xs">
          Lots in stock
        </Title>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Product</Table.Th>
              <Table.Th>Lot</Table.Th>
              <Table.Th>Expiry</Table.Th>
              <Table.Th>On hand</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lots.data.lots.map((l: InventoryLot) => (
              <Table.Tr key={l.id}>
                <Table.Td>{l.productName}</Table.Td>
                <Table.Td>{l.lot}</Table.Td>
                <Table.Td>{formatDate(l.expiry)}</Table.Td>
                <Table.Td>{l.quantityOnHand}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <Card withBorder>
        <Title order={3} size="h4" mb="xs">
          Products
        </Title>
        <Table striped>
          <Table.Tbody>
            {products.data.products.map((p: InventoryProduct) => (
              <Table.Tr key={p.id}>
                <Table.Td>{p.name}</Table.Td>
                <Table.Td>{kindLabels[p.kind]}</Table.Td>
                <Table.Td>{p.gtin ?? ''}</Table.Td>
                <Table.Td>
                  {p.sterileForNeedling ? <Badge color="teal">Sterile, for needling</Badge> : null}
                </Table.Td>
                <Table.Td>{p.quantityOnHand} on hand</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {manage ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              receiveLot.reset();
              addProduct.mutate({
                name: product.name,
                kind: product.kind,
                gtin: product.gtin || null,
                needleCount: product.needleCount === '' ? null : product.needleCount,
                sterileForNeedling: product.sterile,
              });
            }}
          >
            <SimpleGrid cols={5} mt="sm">
              <TextInput
                label="New product"
                value={product.name}
                onChange={(e) => setProduct({ ...product, name: e.currentTarget.value })}
              />
              <Select
                label="Kind"
                data={productKinds.map((k) => ({ value: k, label: kindLabels[k]! }))}
                value={product.kind}
                onChange={(v) => v && setProduct({ ...product, kind: v })}
              />
              <TextInput
                label="GTIN"
                value={product.gtin}
                onChange={(e) => setProduct({ ...product, gtin: e.currentTarget.value })}
              />
              <NumberInput
                label="Needles"
                value={product.needleCount}
                onChange={(v) => setProduct({ ...product, needleCount: typeof v === 'number' ? v : '' })}
              />
              <Checkbox
                mt="lg"
                label="Sterile, for needling"
                checked={product.sterile}
                onChange={(e) => setProduct({ ...product, sterile: e.currentTarget.checked })}
              />
            </SimpleGrid>
            <Button
              type="submit"
              mt="xs"
              disabled={product.name.trim() === ''}
              loading={addProduct.isPending}
            >
              Add product
            </Button>
          </form>
        ) : null}
      </Card>
      {manage ? (
        <Card withBorder data-testid="receive-stock">
          <Group justify="space-between" mb="xs">
            <Title order={3} size="h4">
              Receive stock
            </Title>
            <ScanBoxButton onLabel={receiveScanned} />
          </Group>
          {scanNote ? (
            <Text size="sm" c="orange" role="status" mb="xs">
              {scanNote}
            </Text>
          ) : null}
          <form
            onSubmit={(e) => {
              e.preventDefault();
              addProduct.reset();
              receiveLot.mutate({ ...receive, quantity: receive.quantity === '' ? 0 : receive.quantity });
            }}
          >
            <SimpleGrid cols={{ base: 2, sm: 4 }}>
              <Select
                label="Product"
                data={products.data.products.map((p) => ({ value: p.id, label: p.name }))}
                value={receive.productId || null}
                onChange={(v) => setReceive({ ...receive, productId: v ?? '' })}
              />
              <TextInput
                label="Lot"
                value={receive.lot}
                onChange={(e) => setReceive({ ...receive, lot: e.currentTarget.value })}
              />
              <TextInput
                label="Expiry"
                type="date"
                value={receive.expiry}
                onChange={(e) => setReceive({ ...receive, expiry: e.currentTarget.value })}
              />
              <NumberInput
                label="Quantity"
                value={receive.quantity}
                min={1}
                onChange={(v) => setReceive({ ...receive, quantity: typeof v === 'number' ? v : '' })}
              />
            </SimpleGrid>
            <Group mt="xs">
              <Button
                type="submit"
                disabled={!receive.productId || !receive.lot || !receive.expiry}
                loading={receiveLot.isPending}
              >
                Receive
              </Button>
            </Group>
          </form>
        </Card>
      ) : null}
    </Stack>
  );
}
