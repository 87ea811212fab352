import { useState } from 'react';
import {
  Box,
  Group,
  Image,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Slider,
  Stack,
  Text,
} from '@mantine/core';
import type { PhotoComparisons } from '@needlepoint/core/contracts/photos';
import type { PatientPhoto } from '@needlepoint/core/contracts/photos';
import type { BookingDto } from '@needlepoint/core/contracts/scheduling';
import type { PhotoView } from '@needlepoint/core/photos/views';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { api } from '../../lib/api';
import { formatDateTime } from '../../lib/clinic-time';
import { useApiQuery } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { photoUrl } from './photo-api';
import { occasionOf } from './photo-labels';

type Mode = 'side-by-side' | 'slider';

/**
 * Before/after of one view: two of its photos (by default the first and the latest), side by side or stacked with a
 * slider that uncovers one over the other.
 */
export function PhotoComparison({ patientId, sessions }: { patientId: string; sessions: BookingDto[] }) {
  const comparisons = useApiQuery(keys.photos.comparisons(patientId), (signal) =>
    api.get<typeof PhotoComparisons>(`/api/patients/${patientId}/photo-comparisons`, undefined, signal),
  );
  const [view, setView] = useState<PhotoView | null>(null);
  const [picked, setPicked] = useState<{ before?: string; after?: string }>({});
  const [mode, setMode] = useState<Mode>('side-by-side');

  if (comparisons.isError && !comparisons.data)
    return (
      <ErrorAlert
        error={comparisons.error}
        title="Could not load the comparison"
        onRetry={() => void comparisons.refetch()}
      />
    );
  if (!comparisons.data) return <Loading />;
  const views = comparisons.data.views;
  if (views.length === 0)
    return (
      <Text c="dimmed" data-testid="no-comparison">
        A comparison needs two photos of the same view. Take a second photo of a view to compare it with the
        first.
      </Text>
    );
  const current = views.find((v) => v.view === view) ?? views[0]!;
  const photos = current.photos;
  const before = photos.find((p) => p.id === picked.before) ?? photos[0]!;
  const after = photos.find((p) => p.id === picked.after) ?? photos.at(-1)!;
  const options = photos.map((p) => ({
    value: p.id,
    label: `${formatDateTime(p.takenAt)} · ${occasionOf(p, sessions)}`,
  }));

  return (
    <Stack gap="md" data-testid="photo-comparison">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <Select
          label="View"
          data={views.map((v) => ({ value: v.view, label: v.label }))}
          value={current.view}
          onChange={(v) => {
            setView(v);
            setPicked({});
          }}
          allowDeselect={false}
        />
        <Select
          label="Before"
          data={options}
          value={before.id}
          onChange={(v) => v && setPicked((p) => ({ ...p, before: v }))}
          allowDeselect={false}
        />
        <Select
          label="After"
          data={options}
          value={after.id}
          onChange={(v) => v && setPicked((p) => ({ ...p, after: v }))}
          allowDeselect={false}
        />
      </SimpleGrid>
      <SegmentedControl
        value={mode}
        onChange={(v) => setMode(v)}
        data={[
          { value: 'side-by-side', label: 'Side by side' },
          { value: 'slider', label: 'Slider' },
        ]}
        aria-label="Comparison layout"
        w="fit-content"
      />
      {mode === 'side-by-side' ? (
        <SimpleGrid cols={2} spacing="sm" data-testid="side-by-side">
          {[
            { label: 'Before', photo: before },
            { label: 'After', photo: after },
          ].map(({ label, photo }) => (
            <Paper key={label} withBorder p={4} radius="md">
              <Image
                src={photoUrl(patientId, photo.id)}
                alt={`${label}: ${current.label}, ${formatDateTime(photo.takenAt)}`}
                fit="contain"
                mah="60dvh"
              />
              <Caption label={label} photo={photo} sessions={sessions} />
            </Paper>
          ))}
        </SimpleGrid>
      ) : (
        <SliderOverlay patientId={patientId} viewLabel={current.label} before={before} after={after} />
      )}
      {mode === 'slider' ? (
        <Group justify="space-between">
          <Caption label="Before" photo={before} sessions={sessions} />
          <Caption label="After" photo={after} sessions={sessions} />
        </Group>
      ) : null}
    </Stack>
  );
}

function Caption({ label, photo, sessions }: { label: string; photo: PatientPhoto; sessions: BookingDto[] }) {
  return (
    <Box px={4} py={2}>
      <Text size="sm" fw={600}>
        {label}: {formatDateTime(photo.takenAt)}
      </Text>
      <Text size="xs" c="dimmed">
        {occasionOf(photo, sessions)}
      </Text>
    </Box>
  );
}

/** The after photo underneath, the before photo on top, uncovered from the left up to the slider's position. */
function SliderOverlay({
  patientId,
  viewLabel,
  before,
  after,
}: {
  patientId: string;
  viewLabel: string;
  before: PatientPhoto;
  after: PatientPhoto;
}) {
  const [position, setPosition] = useState(50);
  const ratio = before.width && before.height ? `${before.width} / ${before.height}` : '4 / 3';
  const fill = {
    position: 'absolute',
    inset: 0,
    width: '100%',
    height: '100%',
    objectFit: 'contain',
  } as const;
  return (
    <Stack gap="xs" data-testid="slider-overlay">
      <Box
        pos="relative"
        bg="dark.9"
        style={{
          aspectRatio: ratio,
          // As wide as fits, but never taller than most of the screen: the divider stays on the photos.
          width: `min(100%, calc(65dvh * ${ratio}))`,
          marginInline: 'auto',
          overflow: 'hidden',
        }}
      >
        <img src={photoUrl(patientId, after.id)} alt={`After: ${viewLabel}`} style={fill} />
        <img
          src={photoUrl(patientId, before.id)}
          alt={`Before: ${viewLabel}`}
          data-testid="slider-before"
          style={{ ...fill, clipPath: `inset(0 ${100 - position}% 0 0)` }}
        />
        <Box
          pos="absolute"
          top={0}
          bottom={0}
          w={2}
          bg="white"
          style={{ left: `${position}%`, transform: 'translateX(-1px)', pointerEvents: 'none' }}
          aria-hidden
        />
      </Box>
      <Slider
        value={position}
        onChange={setPosition}
        min={0}
        max={100}
        label={(v) => `${v}% before`}
        thumbLabel="Before and after divider"
        aria-label="Before and after divider"
      />
    </Stack>
  );
}
