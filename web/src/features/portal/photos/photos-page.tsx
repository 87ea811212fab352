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
import type { Ok } from '@needlepoint/core/contracts/common';
import type { PatientPhoto, PatientPhotoList } from '@needlepoint/core/contracts/photos';
import { maxPhotoBytes } from '@needlepoint/core/contracts/photos';
import { ErrorAlert } from '../../../components/error-alert';
import { Loading } from '../../../components/loading';
import { AnchorLink } from '../../../components/router-links';
import { api } from '../../../lib/api';
import { formatDateTime } from '../../../lib/clinic-time';
import { useApiMutation, useApiQuery } from '../../../lib/query';
import { keys } from '../../../lib/query-keys';
import { AreaMessages, useErrorText, useT } from '../../../i18n/i18n';
import en from '../../../i18n/photos/en.json';
import es from '../../../i18n/photos/es.json';

const areas = ['face', 'perioral', 'periorbital', 'neck', 'chest', 'scalp', 'hands', 'body'] as const;
const photosCatalogs = { en, es };

/** Optional photos of the areas of concern, for the provider to see before the consultation. */
export function PortalPhotosPage() {
  return (
    <AreaMessages catalogs={photosCatalogs}>
      <PhotosView />
    </AreaMessages>
  );
}

function PhotosView() {
  const t = useT();
  const errorText = useErrorText();
  const areaLabel = (value: string) =>
    (areas as readonly string[]).includes(value)
      ? t(`photos.area.${value as (typeof areas)[number]}`)
      : value;
  const list = useApiQuery(keys.portal.photos, (signal) =>
    api.get<typeof PatientPhotoList>('/api/portal/photos', undefined, signal),
  );
  const [area, setArea] = useState<string>('face');
  const [problem, setProblem] = useState<{ message: string; needsConsent: boolean } | null>(null);
  const add = useApiMutation({
    mutationFn: (file: File) => api.upload<typeof PatientPhoto>('/api/portal/photos', file, { area }),
    invalidates: [keys.portal.photos],
    onError: (error) =>
      setProblem({ message: errorText(error), needsConsent: error.code === 'PHOTO_CONSENT_REQUIRED' }),
  });
  const remove = useApiMutation({
    mutationFn: (id: string) => api.delete<typeof Ok>(`/api/portal/photos/${id}`),
    invalidates: [keys.portal.photos],
    onError: (error) => setProblem({ message: errorText(error), needsConsent: false }),
  });

  function upload(file: File | null) {
    if (!file) return;
    setProblem(null);
    if (file.size > maxPhotoBytes) {
      setProblem({
        message: t('photos.tooLarge', { mb: maxPhotoBytes / 1024 / 1024 }),
        needsConsent: false,
      });
      return;
    }
    add.mutate(file);
  }

  if (list.isError && !list.data)
    return (
      <ErrorAlert error={list.error} title={t('photos.loadFailed')} onRetry={() => void list.refetch()} />
    );
  if (!list.data) return <Loading label={t('photos.loading')} />;

  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          {t('photos.title')}
        </Title>
        <Text c="dimmed" mt="xs">
          {t('photos.intro')}
        </Text>
      </div>
      <Card withBorder padding="md">
        <Stack gap="sm">
          <Select
            label={t('photos.whichArea')}
            data={areas.map((value) => ({ value, label: areaLabel(value) }))}
            value={area}
            onChange={(v) => v && setArea(v)}
            allowDeselect={false}
          />
          <FileButton onChange={upload} accept="image/jpeg,image/png,image/webp">
            {(props) => (
              <Button {...props} size="md" loading={add.isPending} fullWidth>
                {t('photos.take')}
              </Button>
            )}
          </FileButton>
          {problem && (
            <Alert color={problem.needsConsent ? 'orange' : 'red'} role="alert">
              {problem.message}
              {problem.needsConsent && (
                <>
                  {' '}
                  <AnchorLink to="/portal/consents">{t('photos.goConsents')}</AnchorLink>
                </>
              )}
            </Alert>
          )}
        </Stack>
      </Card>
      {list.data.photos.length === 0 ? (
        <Text c="dimmed">{t('photos.none')}</Text>
      ) : (
        <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
          {list.data.photos.map((photo) => (
            <Card key={photo.id} withBorder padding="xs">
              <Card.Section>
                <Image
                  src={`/api/portal/photos/${photo.id}`}
                  alt={t('photos.alt', { area: areaLabel(photo.area) })}
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
                  onClick={() => {
                    setProblem(null);
                    remove.mutate(photo.id);
                  }}
                  aria-label={t('photos.removeLabel', { area: areaLabel(photo.area) })}
                >
                  {t('photos.remove')}
                </Button>
              </Group>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
