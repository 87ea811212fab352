import { useState } from 'react';
import {
  Badge,
  Button,
  Card,
  Group,
  Image,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { PatientPhoto } from '@needlepoint/core/contracts/photos';
import type { BookingDto } from '@needlepoint/core/contracts/scheduling';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { formatDateTime } from '../../lib/clinic-time';
import { useSession } from '../../lib/session';
import { PhotoComparison } from './photo-comparison';
import { photoUrl, usePatientPhotos, usePhotoSessions } from './photo-api';
import { groupByView, occasionOf, useLabels, viewLabel } from './photo-labels';
import { useInvalidate } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { PhotoUsesModal } from './photo-uses-modal';
import { RednessPanel } from './redness-panel';
import { TakePhotoModal } from './take-photo-modal';

type Section = 'views' | 'compare' | 'redness';

/** The "Photos" tab of the record: photos by standard view, taking a guided one, comparison and redness. */
export function PatientPhotosPanel({ patientId }: { patientId: string }) {
  const { can } = useSession();
  const list = usePatientPhotos(patientId);
  const sessions = usePhotoSessions(patientId, can('schedule:read'));
  const [section, setSection] = useState<Section>('views');
  const [taking, setTaking] = useState(false);
  const invalidate = useInvalidate();

  if (list.isError && !list.data)
    return (
      <ErrorAlert error={list.error} title="Could not load the photos" onRetry={() => void list.refetch()} />
    );
  if (!list.data) return <Loading label="Loading photos…" />;
  const photos = list.data.photos;
  const sessionList = sessions.data ?? [];

  return (
    <Stack gap="md">
      <Group justify="space-between" gap="xs">
        <SegmentedControl
          value={section}
          onChange={(v) => setSection(v)}
          data={[
            { value: 'views', label: 'By view' },
            { value: 'compare', label: 'Compare' },
            { value: 'redness', label: 'Redness' },
          ]}
          aria-label="Photo section"
        />
        {can('photo:take') ? <Button onClick={() => setTaking(true)}>Take a guided photo</Button> : null}
      </Group>
      {section === 'views' ? (
        <PhotosByView
          patientId={patientId}
          photos={photos}
          sessions={sessionList}
          canEdit={can('photo:take')}
          onChanged={() => invalidate(keys.photos.patient(patientId))}
        />
      ) : section === 'compare' ? (
        <PhotoComparison patientId={patientId} sessions={sessionList} />
      ) : (
        <RednessPanel patientId={patientId} photos={photos} sessions={sessionList} />
      )}
      {taking ? (
        <TakePhotoModal
          patientId={patientId}
          sessions={sessionList}
          onClose={() => setTaking(false)}
          onSaved={(photo) => {
            setTaking(false);
            invalidate(keys.photos.patient(patientId));
            notifications.show({
              color: 'green',
              message: `Photo saved: ${photo.view ? viewLabel(photo.view) : 'photo'}.`,
            });
          }}
        />
      ) : null}
    </Stack>
  );
}

function PhotosByView({
  patientId,
  photos,
  sessions,
  canEdit,
  onChanged,
}: {
  patientId: string;
  photos: PatientPhoto[];
  sessions: BookingDto[];
  canEdit: boolean;
  onChanged: (photo: PatientPhoto) => void;
}) {
  const [editing, setEditing] = useState<{ photo: PatientPhoto; title: string } | null>(null);
  const groups = groupByView(photos);
  if (groups.length === 0)
    return (
      <Text c="dimmed" data-testid="no-photos">
        No photos yet. Take the first photo of each view before the first session: it becomes the guide for
        the later ones.
      </Text>
    );
  return (
    <Stack gap="md">
      {groups.map((group) => {
        const titleId = `photos-${group.view ?? 'other'}`;
        return (
          <Paper
            key={titleId}
            withBorder
            p={{ base: 'sm', sm: 'md' }}
            radius="md"
            component="section"
            aria-labelledby={titleId}
            data-testid={titleId}
          >
            <Title order={2} fz="md" id={titleId} mb="sm">
              {group.label}{' '}
              <Text span c="dimmed" fz="sm" fw={400}>
                ({group.photos.length})
              </Text>
            </Title>
            <SimpleGrid cols={{ base: 2, sm: 3, md: 4 }} spacing="sm">
              {group.photos.map((photo) => (
                <Card key={photo.id} withBorder padding="xs" data-testid="photo-card">
                  <Card.Section>
                    <a href={photoUrl(patientId, photo.id)} target="_blank" rel="noreferrer">
                      <Image
                        src={photoUrl(patientId, photo.id, 'thumbnail')}
                        alt={`${group.label}, ${formatDateTime(photo.takenAt)}`}
                        h={140}
                        fit="cover"
                      />
                    </a>
                  </Card.Section>
                  <Text size="sm" fw={600} mt="xs">
                    {formatDateTime(photo.takenAt)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {occasionOf(photo, sessions)}
                  </Text>
                  <Group gap={4} mt={4} justify="space-between" wrap="nowrap">
                    <Group gap={4} data-testid="photo-uses">
                      {photo.scopes
                        .filter((s) => s !== 'clinical-record')
                        .map((s) => (
                          <Badge key={s} size="xs" variant="light">
                            {useLabels[s]}
                          </Badge>
                        ))}
                    </Group>
                    {canEdit ? (
                      <Button
                        variant="subtle"
                        size="compact-xs"
                        onClick={() =>
                          setEditing({ photo, title: `${group.label}, ${formatDateTime(photo.takenAt)}` })
                        }
                        aria-label={`Uses of ${group.label}, ${formatDateTime(photo.takenAt)}`}
                      >
                        Uses
                      </Button>
                    ) : null}
                  </Group>
                </Card>
              ))}
            </SimpleGrid>
          </Paper>
        );
      })}
      {editing ? (
        <PhotoUsesModal
          patientId={patientId}
          photo={editing.photo}
          title={editing.title}
          onClose={() => setEditing(null)}
          onSaved={(changed) => {
            setEditing(null);
            onChanged(changed);
            notifications.show({ color: 'green', message: 'Uses of the photo saved.' });
          }}
        />
      ) : null}
    </Stack>
  );
}
