import { useState } from 'react';
import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { LotList } from '@needlepoint/core/contracts/inventory';
import type { InventoryLot } from '@needlepoint/core/contracts/inventory';
import { parseGs1, type Gs1Label } from '@needlepoint/core/treatment/gs1';
import {
  consumableKinds,
  type ConsumableUse,
  type TreatmentRecordDraft,
} from '@needlepoint/core/treatment/record';
import { lotExpired } from '@needlepoint/core/treatment/rules';
import { api, messageOf } from '../../lib/api';
import { ScanBoxButton } from './box-scanner';
import type { Update } from './chart-sections';
import { consumableKindLabels } from './labels';

interface BoxFields {
  kind: ConsumableUse['kind'];
  productName: string;
  gtin: string;
  lot: string;
  expiry: string;
  serial: string;
}
const emptyBox: BoxFields = { kind: 'cartridge', productName: '', gtin: '', lot: '', expiry: '', serial: '' };

/** The fields a GS1 label fills; what it does not carry is left as typed. */
function withLabel(box: BoxFields, label: Gs1Label): BoxFields {
  return {
    ...box,
    gtin: label.gtin ?? box.gtin,
    lot: label.lot ?? box.lot,
    expiry: label.expiry ?? box.expiry,
    serial: label.serial ?? box.serial,
  };
}

const fromStock = (l: InventoryLot, kind: ConsumableUse['kind'], serial: string | null): ConsumableUse => ({
  lotId: l.id,
  kind,
  productName: l.productName,
  gtin: l.gtin,
  lot: l.lot,
  expiry: l.expiry,
  serial,
  needleCount: null,
  quantity: 1,
});

/**
 * Device, handpiece and the cartridges or rollers used. A box is added from its GS1 code (scanned with the camera
 * or typed) or from its fields; a lot in stock is linked to inventory, another is kept as typed. An expired lot
 * is shown as such here and refused by the server when the record is saved.
 */
export function DeviceSection({
  draft,
  update,
  locked,
  devices,
  today,
}: {
  draft: TreatmentRecordDraft;
  update: Update;
  locked: boolean;
  devices: { id: string; name: string; serialNumber: string | null }[];
  today: string;
}) {
  const [code, setCode] = useState('');
  const [box, setBox] = useState<BoxFields>(emptyBox);
  const [problem, setProblem] = useState<string | null>(null);
  const [stock, setStock] = useState<InventoryLot[] | null>(null);
  const add = (use: ConsumableUse) => update((d) => ({ ...d, consumables: [...d.consumables, use] }));

  /** The typed code read into the fields; null (with the reason shown) when it cannot be read. */
  function readCode(): BoxFields | null {
    if (code.trim() === '') return box;
    const parsed = parseGs1(code);
    if (!parsed.ok) {
      setProblem(parsed.error);
      return null;
    }
    const next = withLabel(box, parsed.label);
    setBox(next);
    setCode('');
    return next;
  }

  async function addBox() {
    setProblem(null);
    const fields = readCode();
    if (!fields) return;
    const lot = fields.lot.trim();
    const gtin = fields.gtin.trim();
    if (!lot) return setProblem('The lot (10) is missing: scan the code on the box or type the lot');
    if (gtin && !/^\d{8,14}$/.test(gtin)) return setProblem('A GTIN (01) has 8 to 14 digits');
    try {
      const found = await api.get<typeof LotList>('/api/inventory/lots', { lot, ...(gtin ? { gtin } : {}) });
      const serial = fields.serial.trim() || null;
      const inStock = found.lots[0];
      if (inStock) add(fromStock(inStock, fields.kind, serial));
      else if (!fields.expiry)
        return setProblem('This lot is not in stock: type its expiry (17), or scan the code on the box');
      else
        add({
          lotId: null,
          kind: fields.kind,
          productName: fields.productName.trim() || consumableKindLabels[fields.kind],
          gtin: gtin || null,
          lot,
          expiry: fields.expiry,
          serial,
          needleCount: null,
          quantity: 1,
        });
      setBox({ ...emptyBox, kind: fields.kind });
    } catch (error) {
      setProblem(messageOf(error));
    }
  }

  const field = (name: keyof Omit<BoxFields, 'kind'>) => ({
    value: box[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => {
      const value = e.currentTarget.value;
      setBox((b) => ({ ...b, [name]: value }));
    },
  });

  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="xs">
        Device and cartridges
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label="Device"
          data={devices.map((d) => ({
            value: d.id,
            label: `${d.name}${d.serialNumber ? ` (${d.serialNumber})` : ''}`,
          }))}
          value={draft.deviceId}
          onChange={(v) => update((d) => ({ ...d, deviceId: v }))}
          disabled={locked}
        />
        <TextInput
          label="Handpiece serial"
          value={draft.handpieceSerial}
          disabled={locked}
          onChange={(e) => {
            const value = e.currentTarget.value;
            update((d) => ({ ...d, handpieceSerial: value }));
          }}
        />
      </SimpleGrid>
      {draft.consumables.length > 0 ? (
        <Table mt="sm" data-testid="consumables">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Product</Table.Th>
              <Table.Th>Lot</Table.Th>
              <Table.Th>Expiry</Table.Th>
              <Table.Th>GTIN / serial</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {draft.consumables.map((c, i) => (
              <Table.Tr key={`${c.lot}-${i}`}>
                <Table.Td>
                  {c.productName}{' '}
                  {c.lotId ? (
                    <Badge size="xs">in stock</Badge>
                  ) : (
                    <Badge size="xs" color="gray">
                      typed
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{c.lot}</Table.Td>
                <Table.Td>
                  {c.expiry} {lotExpired(c.expiry, today) ? <Badge color="red">Expired</Badge> : null}
                </Table.Td>
                <Table.Td>
                  {c.gtin ?? ''}
                  {c.serial ? ` / ${c.serial}` : ''}
                </Table.Td>
                <Table.Td>
                  {!locked ? (
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Remove lot ${c.lot}`}
                      onClick={() =>
                        update((d) => ({ ...d, consumables: d.consumables.filter((_, j) => j !== i) }))
                      }
                    >
                      ×
                    </ActionIcon>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {!locked ? (
        <Stack gap="xs" mt="sm" data-testid="add-box">
          <Group align="end">
            <TextInput
              label="Box code (GS1): scan or type"
              placeholder="(01)04006381333931(17)270630(10)LOT123"
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  void addBox();
                }
              }}
              style={{ flex: 1, minWidth: 220 }}
            />
            <ScanBoxButton
              onLabel={(label) => {
                setProblem(null);
                setCode('');
                setBox((b) => withLabel(b, label));
              }}
            />
          </Group>
          <SimpleGrid cols={{ base: 2, sm: 3 }}>
            <Select
              label="Kind"
              data={consumableKinds.map((k) => ({ value: k, label: consumableKindLabels[k] }))}
              value={box.kind}
              allowDeselect={false}
              onChange={(v) => v && setBox((b) => ({ ...b, kind: v }))}
            />
            <TextInput
              label="Product if not in stock"
              placeholder="e.g. Cartridge 36-pin"
              {...field('productName')}
            />
            <TextInput label="GTIN (01)" inputMode="numeric" {...field('gtin')} />
            <TextInput label="Lot (10)" {...field('lot')} />
            <TextInput label="Expiry (17)" type="date" {...field('expiry')} />
            <TextInput label="Serial (21)" {...field('serial')} />
          </SimpleGrid>
          <Group>
            <Button onClick={() => void addBox()} disabled={code.trim() === '' && box.lot.trim() === ''}>
              Add cartridge
            </Button>
          </Group>
          <Select
            label="Or choose a lot in stock"
            placeholder="Choose a lot"
            data={(stock ?? []).map((l) => ({
              value: l.id,
              label: `${l.productName}, lot ${l.lot}, exp ${l.expiry} (${l.quantityOnHand} left)`,
            }))}
            onDropdownOpen={() => {
              if (stock === null)
                void api.get<typeof LotList>('/api/inventory/lots').then(
                  (r) => setStock(r.lots),
                  (e: unknown) => setProblem(messageOf(e)),
                );
            }}
            value={null}
            onChange={(v) => {
              const l = stock?.find((x) => x.id === v);
              if (l) add(fromStock(l, 'cartridge', null));
            }}
          />
          {problem ? (
            <Text c="red" size="sm" role="alert">
              {problem}
            </Text>
          ) : null}
        </Stack>
      ) : null}
    </Card>
  );
}
