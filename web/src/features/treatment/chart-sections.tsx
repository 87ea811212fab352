import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { AllowList } from '@needlepoint/core/contracts/inventory';
import type { TreatmentRecordDto } from '@needlepoint/core/contracts/treatment-records';
import type { z } from 'zod';
import type { TreatmentRecordDraft } from '@needlepoint/core/treatment/record';
import { topicalRoleLabels } from './labels';

export type Update = (change: (draft: TreatmentRecordDraft) => TreatmentRecordDraft) => void;

export interface SectionProps {
  draft: TreatmentRecordDraft;
  update: Update;
  locked: boolean;
}

const yesNo = (value: boolean | null) => (value === null ? null : value ? 'yes' : 'no');

function YesNo({
  label,
  value,
  onChange,
  locked,
}: {
  label: string;
  value: boolean | null;
  onChange: (v: boolean) => void;
  locked: boolean;
}) {
  return (
    <Select
      label={label}
      data={[
        { value: 'yes', label: 'Yes' },
        { value: 'no', label: 'No' },
      ]}
      value={yesNo(value)}
      onChange={(v) => v && onChange(v === 'yes')}
      disabled={locked}
      allowDeselect={false}
      placeholder="Not answered"
    />
  );
}

/** Screening re-run now, consent on file, and the provider's checks before starting. */
export function ChecklistSection({
  record,
  draft,
  update,
  locked,
  canOverride,
  onOverride,
  onRescreen,
}: SectionProps & {
  record: TreatmentRecordDto;
  canOverride: boolean;
  onOverride: (reason: string) => void;
  onRescreen: () => void;
}) {
  const [reason, setReason] = useState('');
  const s = record.screening;
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="xs">
        Before starting
      </Title>
      <Stack gap="xs">
        <Group gap="xs">
          <Text fw={500}>Screening (re-run now):</Text>
          <Badge color={s.cleared ? 'green' : 'red'} data-testid="screening-badge">
            {s.cleared === null
              ? 'Not run'
              : s.cleared
                ? `Cleared (${s.verdict})`
                : `Not cleared (${s.verdict})`}
          </Badge>
          {!locked ? (
            <Button size="xs" variant="subtle" onClick={onRescreen}>
              Run again
            </Button>
          ) : null}
        </Group>
        {s.changes && (s.changes.added.length > 0 || s.changes.resolved.length > 0) ? (
          <Alert color="yellow" title="Changed since the last screening">
            {s.changes.added.length > 0 ? <Text size="sm">New: {s.changes.added.join(', ')}</Text> : null}
            {s.changes.resolved.length > 0 ? (
              <Text size="sm">Resolved: {s.changes.resolved.join(', ')}</Text>
            ) : null}
          </Alert>
        ) : (
          <Text size="sm" c="dimmed">
            Nothing changed since the last screening.
          </Text>
        )}
        {s.openFindings.map((f) => (
          <Text key={f.ruleId} size="sm">
            • {f.title} ({f.severity})
          </Text>
        ))}
        {s.override ? (
          <Alert color="orange" title="Started on a provider's override">
            {s.override.byName}: {s.override.reason}
          </Alert>
        ) : record.startBlockedReason && !locked ? (
          <Alert color="red" title="Starting is blocked">
            <Text size="sm">{record.startBlockedReason}</Text>
            {canOverride ? (
              <Group mt="xs" align="end">
                <TextInput
                  label="Override reason"
                  value={reason}
                  onChange={(e) => setReason(e.currentTarget.value)}
                  style={{ flex: 1 }}
                />
                <Button disabled={reason.trim().length < 3} onClick={() => onOverride(reason)}>
                  Record override
                </Button>
              </Group>
            ) : null}
          </Alert>
        ) : null}
        <Group gap="xs">
          <Text fw={500}>Consent on file:</Text>
          <Badge color={record.consent.onFile ? 'green' : 'red'}>
            {record.consent.onFile
              ? `Signed (version ${record.consent.signedVersion} of ${record.consent.currentVersion})`
              : `Missing (${record.consent.state})`}
          </Badge>
        </Group>
        <SimpleGrid cols={3}>
          <YesNo
            label="Photos taken"
            value={draft.checklist.photosTaken}
            locked={locked}
            onChange={(v) => update((d) => ({ ...d, checklist: { ...d.checklist, photosTaken: v } }))}
          />
          <YesNo
            label="Skin clean, no active lesions"
            value={draft.checklist.skinClean}
            locked={locked}
            onChange={(v) => update((d) => ({ ...d, checklist: { ...d.checklist, skinClean: v } }))}
          />
          <YesNo
            label="Preparation followed"
            value={draft.checklist.preparationFollowed}
            locked={locked}
            onChange={(v) => update((d) => ({ ...d, checklist: { ...d.checklist, preparationFollowed: v } }))}
          />
        </SimpleGrid>
        <TextInput
          label="Preparation as the patient reported it"
          placeholder="e.g. retinoid held 5 days"
          value={draft.checklist.preparationNote}
          disabled={locked}
          onChange={(e) => {
            const value = e.currentTarget.value;
            update((d) => ({ ...d, checklist: { ...d.checklist, preparationNote: value } }));
          }}
        />
      </Stack>
    </Card>
  );
}

export function TopicalsSection({
  draft,
  update,
  locked,
  allowList,
}: SectionProps & { allowList: z.output<typeof AllowList>['products'] }) {
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="xs">
        Glide medium and adjuncts
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        Only sterile products for use with needling (the clinic's allow-list) may touch the open skin.
      </Text>
      {draft.topicals.map((t, i) => (
        <Group key={i} align="end" mb="xs">
          <Text style={{ flex: 1 }}>
            {topicalRoleLabels[t.role]}:{' '}
            {allowList.find((p) => p.id === t.productId)?.name ?? t.productName ?? t.productId}
          </Text>
          <TextInput
            label="Lot"
            value={t.lot}
            disabled={locked}
            onChange={(e) => {
              const value = e.currentTarget.value;
              update((d) => ({
                ...d,
                topicals: d.topicals.map((x, j) => (j === i ? { ...x, lot: value } : x)),
              }));
            }}
          />
          {!locked ? (
            <Button
              variant="subtle"
              color="red"
              onClick={() => update((d) => ({ ...d, topicals: d.topicals.filter((_, j) => j !== i) }))}
            >
              Remove
            </Button>
          ) : null}
        </Group>
      ))}
      {!locked ? (
        <Select
          label="Add a product from the allow-list"
          placeholder="Choose a product"
          data={allowList.flatMap((p) =>
            p.roles.map((role) => ({
              value: `${role}:${p.id}`,
              label: `${p.name} (${topicalRoleLabels[role]})`,
            })),
          )}
          value={null}
          onChange={(v) => {
            if (!v) return;
            const [role, ...rest] = v.split(':');
            const id = rest.join(':');
            const product = allowList.find((p) => p.id === id);
            update((d) => ({
              ...d,
              topicals: [
                ...d.topicals,
                {
                  role: role as 'glide' | 'adjunct',
                  productId: id,
                  productName: product?.name ?? '',
                  lot: '',
                  route: 'topical-during-needling',
                },
              ],
            }));
          }}
        />
      ) : null}
    </Card>
  );
}

export function AfterSection({ draft, update, locked }: SectionProps) {
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="xs">
        After the procedure
      </Title>
      <SimpleGrid cols={3}>
        <TextInput
          label="Immediate reaction"
          value={draft.immediateReaction}
          disabled={locked}
          onChange={(e) => {
            const value = e.currentTarget.value;
            update((d) => ({ ...d, immediateReaction: value }));
          }}
        />
        <NumberInput
          label="Pain (0-10)"
          value={draft.pain ?? ''}
          min={0}
          max={10}
          disabled={locked}
          onChange={(v) => update((d) => ({ ...d, pain: typeof v === 'number' ? v : null }))}
        />
        <YesNo
          label="Aftercare given"
          value={draft.aftercareGiven}
          locked={locked}
          onChange={(v) => update((d) => ({ ...d, aftercareGiven: v }))}
        />
      </SimpleGrid>
    </Card>
  );
}
