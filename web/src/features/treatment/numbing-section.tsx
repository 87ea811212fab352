import type { SectionProps } from './chart-sections';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { checkNumbing } from '@needlepoint/core/treatment/numbing';
import { numbingProducts, type Numbing } from '@needlepoint/core/treatment/record';
import { numbingProductLabels } from './labels';

/** HH:MM on the session's day as an instant (the tablet's own clock and zone). */
function atTime(day: string, hhmm: string): string | null {
  if (!/^\d{2}:\d{2}$/.test(hhmm)) return null;
  return new Date(`${day}T${hhmm}:00`).toISOString();
}

function timeOf(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

export function NumbingSection({ draft, update, locked, day }: SectionProps & { day: string }) {
  const n = draft.numbing;
  const set = (change: Partial<Numbing>) =>
    update((d) => ({
      ...d,
      numbing: {
        product: 'lidocaine-prilocaine-2.5-2.5',
        productName: '',
        concentration: '',
        amountG: null,
        areaCm2: null,
        appliedAt: null,
        removedAt: null,
        occlusion: false,
        occlusionPrescribed: false,
        ...d.numbing,
        ...change,
      },
    }));
  const warnings = n ? checkNumbing(n) : [];
  return (
    <Card withBorder>
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4">
          Numbing
        </Title>
        {n && !locked ? (
          <Button
            size="xs"
            variant="subtle"
            color="gray"
            onClick={() => update((d) => ({ ...d, numbing: null }))}
          >
            No numbing
          </Button>
        ) : null}
      </Group>
      <SimpleGrid cols={3}>
        <Select
          label="Product"
          data={numbingProducts.map((p) => ({ value: p, label: numbingProductLabels[p] }))}
          value={n?.product ?? null}
          onChange={(v) => v && set({ product: v })}
          disabled={locked}
          placeholder="None"
        />
        <TextInput
          label="Concentration"
          value={n?.concentration ?? ''}
          disabled={locked || !n}
          onChange={(e) => set({ concentration: e.currentTarget.value })}
        />
        <Checkbox
          mt="lg"
          label="Occlusion"
          checked={n?.occlusion ?? false}
          disabled={locked || !n}
          onChange={(e) => set({ occlusion: e.currentTarget.checked })}
        />
        <NumberInput
          label="Amount (g)"
          value={n?.amountG ?? ''}
          min={0}
          decimalScale={1}
          disabled={locked || !n}
          onChange={(v) => set({ amountG: typeof v === 'number' ? v : null })}
        />
        <NumberInput
          label="Area (cm²)"
          value={n?.areaCm2 ?? ''}
          min={0}
          disabled={locked || !n}
          onChange={(v) => set({ areaCm2: typeof v === 'number' ? v : null })}
        />
        <div />
        <TextInput
          label="Applied at"
          type="time"
          value={timeOf(n?.appliedAt ?? null)}
          disabled={locked || !n}
          onChange={(e) => set({ appliedAt: atTime(day, e.currentTarget.value) })}
        />
        <TextInput
          label="Removed at"
          type="time"
          value={timeOf(n?.removedAt ?? null)}
          disabled={locked || !n}
          onChange={(e) => set({ removedAt: atTime(day, e.currentTarget.value) })}
        />
      </SimpleGrid>
      {warnings.map((w) => (
        <Alert
          key={w.ruleId}
          color="yellow"
          mt="xs"
          title={w.kind === 'notice' ? 'Note' : 'Above a limit'}
          data-testid="numbing-warning"
        >
          <Text size="sm">
            {w.message} Sources: {w.sources.join(', ')}.
          </Text>
        </Alert>
      ))}
    </Card>
  );
}
