import { Badge, Group, NumberInput, Radio, Select, Stack, Text, Title } from '@mantine/core';
import type { OutcomeSettings, ScaleDefinition, ScaleItem } from '@needlepoint/core/outcomes/scale.schema';
import { scoreScale } from '@needlepoint/core/outcomes/scales';

/** Draft values: an item is absent until answered. */
export type ScaleDraft = Record<string, number | undefined>;

function groupsOf(items: ScaleItem[]): [string | null, ScaleItem[]][] {
  const groups: [string | null, ScaleItem[]][] = [];
  for (const item of items) {
    const last = groups.at(-1);
    if (last && last[0] === (item.group ?? null)) last[1].push(item);
    else groups.push([item.group ?? null, [item]]);
  }
  return groups;
}

function ItemField({
  item,
  value,
  error,
  onChange,
}: {
  item: ScaleItem;
  value: number | undefined;
  error: string | undefined;
  onChange: (value: number | undefined) => void;
}) {
  const label = `${item.label}${item.optional ? ' (optional)' : ''}`;
  if (item.kind === 'number')
    return (
      <NumberInput
        label={label}
        description={item.help}
        min={item.min}
        max={item.max}
        step={item.step}
        decimalScale={item.step < 1 ? String(item.step).split('.')[1]!.length : 0}
        suffix={item.unit ? ` ${item.unit}` : undefined}
        value={value ?? ''}
        onChange={(v) => onChange(typeof v === 'number' ? v : v === '' ? undefined : Number(v))}
        error={error}
        inputMode="decimal"
      />
    );
  // A few choices with meanings read best as radio buttons; long numeric ladders as a list.
  if (item.choices.length <= 5)
    return (
      <Radio.Group
        label={label}
        description={item.help}
        value={value === undefined ? null : String(value)}
        onChange={(v) => onChange(Number(v))}
        error={error}
      >
        <Stack gap={8} mt={6}>
          {item.choices.map((c) => (
            <Radio
              key={c.value}
              value={String(c.value)}
              label={c.label}
              description={c.description}
              styles={{ body: { alignItems: 'flex-start' } }}
            />
          ))}
        </Stack>
      </Radio.Group>
    );
  return (
    <Select
      label={label}
      description={item.help}
      placeholder="Choose"
      data={item.choices.map((c) => ({
        value: String(c.value),
        label: c.description ? `${c.label} (${c.description})` : c.label,
      }))}
      value={value === undefined ? null : String(value)}
      onChange={(v) => onChange(v === null ? undefined : Number(v))}
      error={error}
      allowDeselect={false}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

/**
 * A scale's form, generated from its definition: one field per item, grouped as the scale groups them, with the
 * total worked out as you go (the server scores again and is authoritative).
 */
export function ScaleForm({
  scale,
  settings,
  draft,
  onChange,
  errors,
  forPatient = false,
}: {
  /** In the portal: no clinical description or running total, just the questions. */
  forPatient?: boolean;
  scale: ScaleDefinition;
  settings: OutcomeSettings;
  draft: ScaleDraft;
  onChange: (draft: ScaleDraft) => void;
  errors: Record<string, string>;
}) {
  const answered = Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== undefined));
  const preview = scoreScale(scale, answered, settings);
  return (
    <Stack gap="md" data-testid={`scale-form-${scale.id}`}>
      {forPatient ? null : (
        <Text size="sm" c="dimmed">
          {scale.description}
        </Text>
      )}
      {groupsOf(scale.items).map(([group, items], i) => (
        <Stack key={`${group ?? ''}-${i}`} gap="sm">
          {group ? (
            <Title order={4} fz="sm">
              {group}
            </Title>
          ) : null}
          {items.map((item) => (
            <ItemField
              key={item.id}
              item={item}
              value={draft[item.id]}
              error={errors[item.id]}
              onChange={(v) => onChange({ ...draft, [item.id]: v })}
            />
          ))}
        </Stack>
      ))}
      {forPatient ? null : (
        <Group gap="xs" aria-live="polite" data-testid="scale-preview">
          <Text fw={600}>{scale.shortName}:</Text>
          {preview.ok ? (
            <>
              <Text fw={700}>
                {preview.score.total}
                {scale.unit ? ` ${scale.unit}` : ''}
              </Text>
              {preview.score.band ? <Badge variant="light">{preview.score.band.label}</Badge> : null}
            </>
          ) : (
            <Text c="dimmed" size="sm">
              answer every item to see the total
            </Text>
          )}
        </Group>
      )}
      {!forPatient && preview.ok && preview.score.notes.length > 0 ? (
        <Text size="sm">{preview.score.notes.join(' ')}</Text>
      ) : null}
    </Stack>
  );
}

/** Field errors from the server (`body.values.chinArea`) by item id. */
export function itemErrors(fields: { path: string; message: string }[]): Record<string, string> {
  return Object.fromEntries(
    fields
      .filter((f) => f.path.startsWith('body.values.'))
      .map((f) => [f.path.slice('body.values.'.length), f.message]),
  );
}
