import { lazy, Suspense, useState } from 'react';
import type { z } from 'zod';
import { Alert, Button, Group, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ErythemaAnswer, ErythemaTrendAnswer } from '@needlepoint/core/contracts/photos';
import type { PatientPhoto, PhotoRegion } from '@needlepoint/core/contracts/photos';
import type { BookingDto } from '@needlepoint/core/contracts/scheduling';
import type { PhotoView } from '@needlepoint/core/photos/views';
import { Loading } from '../../components/loading';
import { api } from '../../lib/api';
import { formatDateTime } from '../../lib/clinic-time';
import { useApiMutation } from '../../lib/query';
import { photoUrl } from './photo-api';
import { groupByView, occasionOf, photoRefusal } from './photo-labels';
import { RegionPicker } from './region-picker';

const ErythemaChart = lazy(() => import('./erythema-chart'));

type Result = { reading: z.infer<typeof ErythemaAnswer>; trend: ErythemaTrendAnswer };

const directionText: Record<ErythemaTrendAnswer['direction'], string> = {
  falling: 'Redness is going down across the check-ins.',
  steady: 'Redness is about the same across the check-ins (within what light and framing alone change).',
  rising: 'Redness is going up across the check-ins.',
  'not-enough-photos': 'A trend needs two or more check-in photos of this view.',
};

const signed = (n: number) => `${n > 0 ? '+' : n < 0 ? '−' : ''}${Math.abs(n).toFixed(1)}`;

/**
 * Redness of a region the provider draws on a photo: the mean erythema index of that region, and the same region
 * across the patient's aftercare check-in photos of the view. Relative to the same camera and light only.
 */
export function RednessPanel({
  patientId,
  photos,
  sessions,
}: {
  patientId: string;
  photos: PatientPhoto[];
  sessions: BookingDto[];
}) {
  const groups = groupByView(photos).filter((g) => g.view !== null);
  const [view, setView] = useState<PhotoView | null>(null);
  const [photoId, setPhotoId] = useState<string | null>(null);
  const [region, setRegion] = useState<PhotoRegion | null>(null);
  // Measuring reads; it is a POST only because the region is a body. Nothing cached changes.
  const measurement = useApiMutation({
    mutationFn: async ({ photoId, region }: { photoId: string; region: PhotoRegion }): Promise<Result> => {
      const [reading, trend] = await Promise.all([
        api.post<typeof ErythemaAnswer>(`/api/patients/${patientId}/photos/${photoId}/erythema`, { region }),
        api.post<typeof ErythemaTrendAnswer>(`/api/patients/${patientId}/erythema-trend`, {
          view: group.view,
          region,
        }),
      ]);
      return { reading, trend };
    },
  });
  const busy = measurement.isPending;
  const result = measurement.data ?? null;
  const error = measurement.error;

  if (groups.length === 0)
    return <Text c="dimmed">Redness is read from a photo of a standard view. Take one first.</Text>;
  const group = groups.find((g) => g.view === view) ?? groups[0]!;
  const photo = group.photos.find((p) => p.id === photoId) ?? group.photos.at(-1)!;

  const choose = (next: { view?: PhotoView; photoId?: string | null }) => {
    if (next.view !== undefined) setView(next.view);
    setPhotoId(next.photoId ?? null);
    setRegion(null);
    measurement.reset();
  };

  function measure() {
    if (region) measurement.mutate({ photoId: photo.id, region });
  }

  const refusal = error ? photoRefusal(error) : null;
  return (
    <Stack gap="md" data-testid="redness-panel">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Select
          label="View"
          data={groups.map((g) => ({ value: g.view!, label: g.label }))}
          value={group.view}
          onChange={(v) => v && choose({ view: v })}
          allowDeselect={false}
        />
        <Select
          label="Photo"
          data={group.photos.map((p) => ({
            value: p.id,
            label: `${formatDateTime(p.takenAt)} · ${occasionOf(p, sessions)}`,
          }))}
          value={photo.id}
          onChange={(v) => v && choose({ photoId: v })}
          allowDeselect={false}
        />
      </SimpleGrid>
      <Text size="sm">
        Drag over the photo to mark the area to read (for example one cheek). The same area is then read on
        each check-in photo of this view.
      </Text>
      <RegionPicker
        key={photo.id}
        src={photoUrl(patientId, photo.id)}
        alt={`${group.label}, ${formatDateTime(photo.takenAt)}`}
        region={region}
        onChange={(r) => {
          setRegion(r);
          measurement.reset();
        }}
      />
      <Group justify="space-between" gap="xs">
        <Text size="xs" c="dimmed" data-testid="region-size">
          {region
            ? `Region: ${Math.round(region.width * 100)}% × ${Math.round(region.height * 100)}% of the photo`
            : 'No region marked yet.'}
        </Text>
        <Group gap="xs">
          {region ? (
            <Button variant="default" onClick={() => choose({ photoId: photo.id })} disabled={busy}>
              Clear
            </Button>
          ) : null}
          <Button onClick={measure} disabled={!region} loading={busy}>
            Measure redness
          </Button>
        </Group>
      </Group>
      {refusal ? (
        <Alert color="red" role="alert" title={refusal.title}>
          <Text size="sm">{refusal.advice}</Text>
        </Alert>
      ) : null}
      {result ? <RednessResult result={result} /> : null}
    </Stack>
  );
}

function RednessResult({ result: { reading, trend } }: { result: Result }) {
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} radius="md" data-testid="redness-result">
      <Stack gap="xs">
        <Title order={3} fz="md">
          Mean erythema index:{' '}
          <Text span inherit data-testid="erythema-index">
            {reading.meanIndex.toFixed(1)}
          </Text>
        </Title>
        <Text size="xs" c="dimmed">
          Over {reading.pixels.toLocaleString('en-GB')} pixels of this photo (
          {formatDateTime(reading.takenAt)}).
        </Text>
        <Alert variant="light" color="yellow" p="xs" data-testid="erythema-note">
          <Text size="sm">{reading.note}</Text>
        </Alert>
        <Title order={4} fz="sm" mt="xs">
          Across the aftercare check-ins
        </Title>
        <Text size="sm" data-testid="erythema-trend">
          {directionText[trend.direction]}
          {trend.change !== null ? ` Change from the first to the latest: ${signed(trend.change)}.` : ''}
        </Text>
        {trend.readings.length > 0 ? (
          <Suspense fallback={<Loading label="Loading chart…" />}>
            <ErythemaChart readings={trend.readings} />
          </Suspense>
        ) : (
          <Text size="sm" c="dimmed">
            The patient has sent no check-in photo of this view yet.
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
