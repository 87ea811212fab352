import { useState } from 'react';
import { Alert, Stack, Text, Title } from '@mantine/core';
import type { PortalConsents } from '@needlepoint/core/contracts/consents';
import type { ConsentStatus as ConsentStatusType } from '@needlepoint/core/contracts/consents';
import { isRevocableKind } from '@needlepoint/core/consents/kinds';
import { ErrorAlert } from '../../../components/error-alert';
import { Loading } from '../../../components/loading';
import { api } from '../../../lib/api';
import { useApiQuery } from '../../../lib/query';
import { keys } from '../../../lib/query-keys';
import { AreaMessages, useT } from '../../../i18n/i18n';
import en from '../../../i18n/consents/en.json';
import es from '../../../i18n/consents/es.json';
import { ConsentCard } from './consent-card';
import { SignView } from './consent-sign-view';

const consentsCatalogs = { en, es };

export const needsSigning = (c: ConsentStatusType) =>
  !isRevocableKind(c.kind) && (c.state === 'not-signed' || c.state === 'needs-re-consent');

/** Consent forms: read, sign with a typed name and a drawn signature, download, withdraw photo consents. */
export function ConsentsPage() {
  return (
    <AreaMessages catalogs={consentsCatalogs}>
      <ConsentsView />
    </AreaMessages>
  );
}

function ConsentsView() {
  const t = useT();
  const list = useApiQuery(keys.portal.consents, (signal) =>
    api.get<typeof PortalConsents>('/api/portal/consents', undefined, signal),
  );
  const [reading, setReading] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (list.isError && !list.data)
    return (
      <ErrorAlert error={list.error} title={t('consents.loadFailed')} onRetry={() => void list.refetch()} />
    );
  if (!list.data) return <Loading label={t('consents.loading')} />;

  const consents = list.data.consents;
  const open = consents.find((c) => c.document.id === reading);
  if (open) {
    return (
      <SignView
        consent={open}
        onBack={() => setReading(null)}
        onSigned={(signed) => {
          setReading(null);
          setNotice(
            t('consents.signedNotice', {
              title: signed.latestSignature?.documentTitle ?? signed.document.title,
            }),
          );
          window.scrollTo({ top: 0 });
        }}
        onOutdated={() => {
          setReading(null);
          setNotice(t('consents.updatedNotice'));
          void list.refetch();
        }}
      />
    );
  }

  const treatment = consents.filter((c) => !isRevocableKind(c.kind));
  const photos = consents.filter((c) => isRevocableKind(c.kind));
  const toSign = treatment.filter(needsSigning).length;
  return (
    <Stack gap="lg">
      <div>
        <Title order={1} fz={{ base: 24, sm: 28 }}>
          {t('consents.title')}
        </Title>
        <Text mt={6}>{t('consents.toSign', { count: toSign })}</Text>
      </div>
      {notice ? (
        <Alert color="green" variant="light" role="status" withCloseButton onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      ) : null}
      {consents.length === 0 ? <Text c="dimmed">{t('consents.none')}</Text> : null}
      {treatment.length > 0 ? (
        <Stack gap="sm" component="section" aria-labelledby="treatment-forms">
          <Title order={2} fz="lg" id="treatment-forms">
            {t('consents.treatment')}
          </Title>
          {treatment.map((c) => (
            <ConsentCard key={c.kind} consent={c} onRead={() => setReading(c.document.id)} />
          ))}
        </Stack>
      ) : null}
      {photos.length > 0 ? (
        <Stack gap="sm" component="section" aria-labelledby="photo-forms">
          <div>
            <Title order={2} fz="lg" id="photo-forms">
              {t('consents.photos')}
            </Title>
            <Text size="sm" c="dimmed" mt={2}>
              {t('consents.photosIntro')}
            </Text>
          </div>
          {photos.map((c) => (
            <ConsentCard key={c.kind} consent={c} onRead={() => setReading(c.document.id)} />
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}
