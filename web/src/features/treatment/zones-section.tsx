import {
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { TreatmentRecordDto } from '@needlepoint/core/contracts/treatment-records';
import { checkDepth } from '@needlepoint/core/plans/plan';
import { zones as allZones } from '@needlepoint/core/plans/template.schema';
import { endpoints, techniques, type TreatmentRecordDraft } from '@needlepoint/core/treatment/record';
import { zoneLabels } from '../plans/plan-labels';
import type { SectionProps } from './chart-sections';
import { endpointLabels, techniqueLabels } from './labels';

/** Per zone: depth against the plan's range (outside it needs a confirmation), passes, speed, technique, endpoint. */
export function ZonesSection({
  draft,
  update,
  locked,
  planZones,
}: SectionProps & { planZones: TreatmentRecordDto['planZones'] }) {
  const setZone = (i: number, change: Partial<TreatmentRecordDraft['zones'][number]>) =>
    update((d) => ({ ...d, zones: d.zones.map((z, j) => (j === i ? { ...z, ...change } : z)) }));
  const unused = allZones.filter((z) => !draft.zones.some((d) => d.zone === z));
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="xs">
        Zones
      </Title>
      <Stack gap="sm">
        {draft.zones.map((z, i) => {
          const range = planZones.find((p) => p.zone === z.zone);
          const check =
            z.depthMm > 0
              ? checkDepth({ zones: planZones.map((p) => ({ ...p, sources: [] })) }, z.zone, z.depthMm)
              : null;
          const outside =
            check !== null &&
            (check.result === 'needs-confirmation' || (range ? z.depthMm < range.minMm : false));
          return (
            <Card key={z.zone} withBorder padding="xs" data-testid={`zone-${z.zone}`}>
              <Group justify="space-between">
                <Text fw={600}>{zoneLabels[z.zone] ?? z.zone}</Text>
                <Text size="sm" c="dimmed">
                  {range ? `Plan ${range.minMm}–${range.maxMm} mm` : 'No plan range'}
                </Text>
              </Group>
              <SimpleGrid cols={5}>
                <NumberInput
                  label="Depth (mm)"
                  value={z.depthMm}
                  step={0.25}
                  min={0.05}
                  max={10}
                  decimalScale={2}
                  disabled={locked}
                  onChange={(v) => typeof v === 'number' && setZone(i, { depthMm: v, depthConfirmed: false })}
                />
                <NumberInput
                  label="Passes"
                  value={z.passes ?? ''}
                  min={0}
                  max={20}
                  disabled={locked}
                  onChange={(v) => setZone(i, { passes: typeof v === 'number' ? v : null })}
                />
                <TextInput
                  label="Speed"
                  value={z.speed}
                  disabled={locked}
                  onChange={(e) => setZone(i, { speed: e.currentTarget.value })}
                />
                <Select
                  label="Technique"
                  data={techniques.map((t) => ({ value: t, label: techniqueLabels[t] ?? t }))}
                  value={z.technique}
                  disabled={locked}
                  onChange={(v) => setZone(i, { technique: v })}
                />
                <Select
                  label="Endpoint"
                  data={endpoints.map((t) => ({ value: t, label: endpointLabels[t] ?? t }))}
                  value={z.endpoint}
                  disabled={locked}
                  onChange={(v) => setZone(i, { endpoint: v })}
                />
              </SimpleGrid>
              <TextInput
                mt={4}
                label="Notes"
                value={z.notes}
                disabled={locked}
                onChange={(e) => setZone(i, { notes: e.currentTarget.value })}
              />
              {outside ? (
                <Checkbox
                  mt="xs"
                  color="orange"
                  label={`Confirm ${z.depthMm} mm, outside the plan's range for this zone`}
                  checked={z.depthConfirmed}
                  disabled={locked}
                  onChange={(e) => setZone(i, { depthConfirmed: e.currentTarget.checked })}
                />
              ) : null}
              {!locked ? (
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  mt={4}
                  onClick={() => update((d) => ({ ...d, zones: d.zones.filter((_, j) => j !== i) }))}
                >
                  Remove zone
                </Button>
              ) : null}
            </Card>
          );
        })}
        {!locked && unused.length > 0 ? (
          <Select
            label="Add a zone"
            placeholder="Choose a zone"
            data={unused.map((z) => ({ value: z, label: zoneLabels[z] ?? z }))}
            value={null}
            onChange={(v) => {
              if (!v) return;
              const range = planZones.find((p) => p.zone === v);
              update((d) => ({
                ...d,
                zones: [
                  ...d.zones,
                  {
                    zone: v,
                    depthMm: range?.minMm ?? 0.5,
                    depthConfirmed: false,
                    passes: null,
                    speed: '',
                    technique: null,
                    endpoint: null,
                    notes: '',
                  },
                ],
              }));
            }}
          />
        ) : null}
      </Stack>
    </Card>
  );
}
