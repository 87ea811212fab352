import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  FileButton,
  Group,
  Image,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { Ok } from '@needlepoint/core/contracts/common';
import { maxPhotoBytes, PatientPhoto, PatientPhotoList } from '@needlepoint/core/contracts/photos';
import { ErrorAlert } from '../../../components/error-alert';
import { Loading } from '../../../components/loading';
import { AnchorLink } from '../../../components/router-links';
import { api, ApiError, messageOf } from '../../../lib/api';
import { formatDateTime } from '../../../lib/format';
import { useApi } from '../../../lib/use-api';

const areas = [
  { value: 'face', label: 'Face' },
  { value: 'perioral', label: 'Around the mouth' },
  { value: 'periorbital', label: 'Around the eyes' },
  { value: 'neck', label: 'Neck' },
  { value: 'chest', label: 'Chest' },
  { value: 'scalp', label: 'Scalp' },
  { value: 'hands', label: 'Hands' },
  { value: 'body', label: 'Body' },
];
const areaLabel = (value: string) => areas.find((a) => a.value === value)?.label ?? value;

/** Optional photos of the areas of concern, for the provider to see before the consultation. */
export function PortalPhotosPage() {
  const list = useApi((signal) => api.get('/api/portal/photos', PatientPhotoList, undefined, signal), []);
  const [area, setArea] = useState<string>('face');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ message: string; needsConsent: boolean } | null>(null);

  async function upload(file: File | null) {
    if (!file) return;
    setProblem(null);
    if (file.size > maxPhotoBytes) {
      setProblem({
        message: `That photo is larger than ${maxPhotoBytes / 1024 / 1024} MB. Choose a smaller one.`,
        needsConsent: false,
      });
      return;
    }
    setBusy(true);
    try {
      const photo = await api.upload('/api/portal/photos', PatientPhoto, file, { area });
      list.setData({ photos: [photo, ...(list.data?.photos ?? [])] });
    } catch (error) {
      setProblem({
        message: messageOf(error),
        needsConsent: error instanceof ApiError && error.code === 'PHOTO_CONSENT_REQUIRED',
      });
    } finally {
      setBusy(false);
    }
  }

  async function remove(id: string) {
    try {
      await api.delete(`/api/portal/photos/${id}`, Ok);
      list.setData({ photos: (list.data?.photos ?? []).filter((p) => p.id !== id) });
    } catch (error) {
      setProblem({ message: messageOf(error), needsConsent: false });
    }
  }

  if (list.status === 'error' && !list.data)
    return <ErrorAlert error={list.error} title="Could not load your photos" onRetry={list.reload} />;
  if (!list.data) return <Loading label="Loading your photos…" />;

  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          Photos (optional)
        </Title>
        <Text c="dimmed" mt="xs">
          A photo of each area you would like treated helps your provider prepare. Use daylight, no make-up,
          and hold the camera at arm’s length. Only your care team sees them.
        </Text>
      </div>
      <Card withBorder padding="md">
        <Stack gap="sm">
          <Select
            label="Which area is this photo of?"
            data={areas}
            value={area}
            onChange={(v) => v && setArea(v)}
            allowDeselect={false}
          />
          <FileButton onChange={(file) => void upload(file)} accept="image/jpeg,image/png,image/webp">
            {(props) => (
              <Button {...props} size="md" loading={busy} fullWidth>
                Take or choose a photo
              </Button>
            )}
          </FileButton>
          {problem && (
            <Alert color={problem.needsConsent ? 'orange' : 'red'} role="alert">
              {problem.message}
              {problem.needsConsent && (
                <>
                  {' '}
                  <AnchorLink to="/portal/consents">Go to consent forms</AnchorLink>
                </>
              )}
            </Alert>
          )}
        </Stack>
      </Card>
      {list.data.photos.length === 0 ? (
        <Text c="dimmed">No photos yet.</Text>
      ) : (
        <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
          {list.data.photos.map((photo) => (
            <Card key={photo.id} withBorder padding="xs">
              <Card.Section>
                <Image
                  src={`/api/portal/photos/${photo.id}`}
                  alt={`Photo of ${areaLabel(photo.area)}`}
                  h={140}
                  fit="cover"
                />
              </Card.Section>
              <Group justify="space-between" mt="xs" wrap="nowrap">
                <div>
                  <Text size="sm" fw={600}>
                    {areaLabel(photo.area)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(photo.createdAt)}
                  </Text>
                </div>
                <Button
                  variant="subtle"
                  color="red"
                  size="compact-sm"
                  onClick={() => void remove(photo.id)}
                  aria-label={`Remove photo of ${areaLabel(photo.area)}`}
                >
                  Remove
                </Button>
              </Group>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
