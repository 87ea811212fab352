import type { PlanDto } from '@needlepoint/core/contracts/plans';
import { useState } from 'react';
import { Alert, Button, Group, NumberInput, Select, Text } from '@mantine/core';
import type { CheckDepthResponse } from '@needlepoint/core/contracts/plans';
import { ErrorAlert } from '../../components/error-alert';
import { api } from '../../lib/api';
import { zoneLabels } from './plan-labels';

export function DepthCheck({ plan }: { plan: PlanDto }) {
  const [zone, setZone] = useState<string | null>(plan.zones[0]?.zone ?? null);
  const [depth, setDepth] = useState<number | string>('');
  const [result, setResult] = useState<CheckDepthResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  async function check() {
    if (!zone || typeof depth !== 'number') return;
    setError(null);
    try {
      setResult(
        await api.post<typeof CheckDepthResponse>(`/api/plans/${plan.id}/depth-check`, {
          zone,
          depthMm: depth,
        }),
      );
    } catch (e) {
      setError(e);
      setResult(null);
    }
  }
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void check();
      }}
      aria-label={`Depth check for ${plan.name}`}
    >
      <Group align="flex-end" gap="xs" mt="md">
        <Select
          label="Zone"
          size="xs"
          w={170}
          data={plan.zones.map((z) => ({
            value: z.zone,
            label: `${zoneLabels[z.zone] ?? z.zone} (${z.minMm}–${z.maxMm} mm)`,
          }))}
          value={zone}
          onChange={(v) => {
            setZone(v);
            setResult(null);
          }}
          allowDeselect={false}
        />
        <NumberInput
          label="Needle depth (mm)"
          size="xs"
          w={130}
          min={0.1}
          max={10}
          step={0.25}
          decimalScale={2}
          value={depth}
          onChange={(v) => {
            setDepth(v);
            setResult(null);
          }}
        />
        <Button type="submit" size="xs" variant="default" disabled={!zone || typeof depth !== 'number'}>
          Check depth
        </Button>
      </Group>
      {error ? <ErrorAlert error={error} title="Could not check" /> : null}
      {result ? (
        <Alert
          mt="xs"
          p="xs"
          color={result.result === 'ok' ? 'green' : 'orange'}
          title={result.result === 'ok' ? 'Within the plan’s range' : 'Needs confirmation'}
          data-testid="depth-result"
        >
          <Text size="sm">
            {result.depthMm} mm for {zoneLabels[result.zone] ?? result.zone}
            {result.range ? ` (plan range ${result.range.minMm}–${result.range.maxMm} mm)` : ''}.
            {result.reason ? ` ${result.reason}` : ''}
          </Text>
        </Alert>
      ) : null}
    </form>
  );
}
