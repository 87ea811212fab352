import { useRef, useState, type FormEvent } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  ScrollArea,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import type { ConsentSignature, ConsentStatus, PortalConsents } from '@needlepoint/core/contracts/consents';
import type { ConsentStatus as ConsentStatusType } from '@needlepoint/core/contracts/consents';
import { isRevocableKind } from '@needlepoint/core/consents/kinds';
import { ErrorAlert } from '../../../components/error-alert';
import { Loading } from '../../../components/loading';
import { api, ApiError, messageOf } from '../../../lib/api';
import { formatDateTime } from '../../../lib/format';
import { useApi } from '../../../lib/use-api';
import { SignaturePad, type SignaturePadHandle } from './signature-pad';
import { Markdown } from '../../../components/markdown';
import { AreaMessages, useT } from '../../../i18n/i18n';
import en from '../../../i18n/consents/en.json';
import es from '../../../i18n/consents/es.json';

const consentsCatalogs = { en, es };

const stateColors: Record<ConsentStatusType['state'], string> = {
  signed: 'green',
  'needs-re-consent': 'orange',
  'not-signed': 'gray',
  revoked: 'gray',
};

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
  const list = useApi(
    (signal) => api.get<typeof PortalConsents>('/api/portal/consents', undefined, signal),
    [],
  );
  const [reading, setReading] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (list.status === 'error' && !list.data)
    return <ErrorAlert error={list.error} title={t('consents.loadFailed')} onRetry={list.reload} />;
  if (!list.data) return <Loading label={t('consents.loading')} />;

  const consents = list.data.consents;
  const open = consents.find((c) => c.document.id === reading);
  if (open) {
    return (
      <SignView
        consent={open}
        onBack={() => setReading(null)}
        onSigned={(signed) => {
          list.setData({ consents: consents.map((c) => (c.kind === signed.kind ? signed : c)) });
          setReading(null);
          setNotice(t('consents.signedNotice', { title: signed.document.title }));
          window.scrollTo({ top: 0 });
        }}
        onOutdated={() => {
          setReading(null);
          setNotice(t('consents.updatedNotice'));
          list.reload();
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
            <ConsentCard
              key={c.kind}
              consent={c}
              onRead={() => setReading(c.document.id)}
              onChanged={list.reload}
            />
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
            <ConsentCard
              key={c.kind}
              consent={c}
              onRead={() => setReading(c.document.id)}
              onChanged={list.reload}
            />
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}

function ConsentCard({
  consent,
  onRead,
  onChanged,
}: {
  consent: ConsentStatusType;
  onRead: () => void;
  onChanged: () => void;
}) {
  const t = useT();
  const [withdrawing, setWithdrawing] = useState(false);
  const signature = consent.latestSignature;
  const revocable = isRevocableKind(consent.kind);
  return (
    <Paper withBorder p="md" radius="md" data-testid={`consent-${consent.kind}`}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <Text fw={600}>{consent.document.title}</Text>
          <Badge color={stateColors[consent.state]} variant="light" style={{ flex: 'none' }}>
            {t(`consents.state.${consent.state}`)}
          </Badge>
        </Group>
        {signature && consent.state !== 'not-signed' ? (
          <Text size="sm">
            {signature.revocation
              ? t('consents.withdrewOn', { date: formatDateTime(signature.revocation.revokedAt) })
              : t('consents.signedBy', {
                  name: signature.typedName,
                  date: formatDateTime(signature.signedAt),
                  version: signature.documentVersion,
                })}
          </Text>
        ) : null}
        {consent.state === 'needs-re-consent' ? <Text size="sm">{t('consents.updated')}</Text> : null}
        <Group gap="sm">
          {consent.state !== 'signed' ? (
            <Button size="md" onClick={onRead}>
              {consent.state === 'revoked' ? t('consents.readSignAgain') : t('consents.readSign')}
            </Button>
          ) : null}
          {signature ? (
            <Anchor href={`/api/portal/consent-signatures/${signature.id}/pdf`} download size="sm">
              {t('consents.download')}
            </Anchor>
          ) : null}
        </Group>
        {consent.state === 'signed' && revocable ? (
          <div>
            <Button variant="default" color="red" size="sm" onClick={() => setWithdrawing(true)}>
              {t('consents.withdraw')}
            </Button>
          </div>
        ) : null}
        {consent.state === 'signed' && !revocable ? (
          <Text size="sm" c="dimmed">
            {t('consents.callToWithdraw')}
          </Text>
        ) : null}
      </Stack>
      {signature ? (
        <WithdrawModal
          opened={withdrawing}
          title={consent.document.title}
          signatureId={signature.id}
          onClose={() => setWithdrawing(false)}
          onDone={() => {
            setWithdrawing(false);
            onChanged();
          }}
        />
      ) : null}
    </Paper>
  );
}

function WithdrawModal({
  opened,
  title,
  signatureId,
  onClose,
  onDone,
}: {
  opened: boolean;
  title: string;
  signatureId: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function withdraw() {
    setBusy(true);
    setError(null);
    try {
      await api.post<typeof ConsentSignature>(
        `/api/portal/consent-signatures/${signatureId}/revoke`,
        reason.trim() ? { reason: reason.trim() } : {},
      );
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal opened={opened} onClose={onClose} title={t('consents.withdrawTitle')} centered>
      <Stack gap="md">
        <Text>{t('consents.withdrawBody', { title })}</Text>
        <Textarea
          label={t('consents.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={1000}
        />
        {error ? (
          <Alert color="red" variant="light" role="alert">
            {messageOf(error)}
          </Alert>
        ) : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('consents.keep')}
          </Button>
          <Button color="red" onClick={() => void withdraw()} loading={busy}>
            {t('consents.withdrawConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function SignView({
  consent,
  onBack,
  onSigned,
  onOutdated,
}: {
  consent: ConsentStatusType;
  onBack: () => void;
  onSigned: (status: ConsentStatusType) => void;
  onOutdated: () => void;
}) {
  const t = useT();
  const pad = useRef<SignaturePadHandle>(null);
  const [typedName, setTypedName] = useState('');
  const [errors, setErrors] = useState<{ typedName?: string | undefined; signature?: string | undefined }>(
    {},
  );
  const [formError, setFormError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const doc = consent.document;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const signature = pad.current?.toDataUrl() ?? null;
    const next: typeof errors = {};
    if (typedName.trim().length < 2) next.typedName = t('consents.typeName');
    if (!signature) next.signature = t('consents.drawSignature');
    setErrors(next);
    setFormError(null);
    if (next.typedName || next.signature) return;
    setBusy(true);
    try {
      const status = await api.post<typeof ConsentStatus>(`/api/portal/consents/${doc.id}/sign`, {
        typedName: typedName.trim(),
        signature,
      });
      onSigned(status);
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiError && error.code === 'VALIDATION_FAILED' && error.fields.length > 0) {
        setErrors({ typedName: error.fieldError('typedName'), signature: error.fieldError('signature') });
        if (!error.fieldError('typedName') && !error.fieldError('signature')) setFormError(error);
      } else if (error instanceof ApiError && error.code === 'CONSENT_DOCUMENT_SUPERSEDED') {
        onOutdated();
      } else {
        setFormError(error);
      }
    }
  }

  return (
    <Stack gap="lg">
      <div>
        <Anchor component="button" type="button" size="sm" onClick={onBack}>
          {t('consents.all')}
        </Anchor>
        <Title order={1} fz={{ base: 22, sm: 28 }} mt="xs">
          {doc.title}
        </Title>
        <Text size="sm" c="dimmed">
          {t('consents.version', { version: doc.version })}
        </Text>
      </div>
      <Paper withBorder radius="md" bg="white">
        <ScrollArea.Autosize mah="55dvh" type="auto" offsetScrollbars>
          <div
            style={{ padding: 'var(--mantine-spacing-md)' }}
            data-testid="consent-text"
            tabIndex={0}
            role="region"
            aria-label={t('consents.fullText', { title: doc.title })}
          >
            <Markdown text={doc.body} size="md" />
          </div>
        </ScrollArea.Autosize>
      </Paper>
      <form onSubmit={submit} noValidate aria-label={t('consents.signForm', { title: doc.title })}>
        <Stack gap="md">
          <Text>{t('consents.confirm')}</Text>
          {formError ? (
            <Alert color="red" variant="light" role="alert">
              {messageOf(formError)}
            </Alert>
          ) : null}
          <TextInput
            label={t('consents.fullName')}
            description={t('consents.fullNameHint')}
            autoComplete="name"
            size="md"
            value={typedName}
            onChange={(e) => setTypedName(e.currentTarget.value)}
            error={errors.typedName}
            required
          />
          <SignaturePad
            ref={pad}
            label={t('consents.signature')}
            clearLabel={t('consents.clear')}
            hint={t('consents.signHint')}
            error={errors.signature}
            onChange={(has) => {
              if (has) setErrors((e) => ({ ...e, signature: undefined }));
            }}
          />
          <Anchor
            component="button"
            type="button"
            size="sm"
            ta="left"
            onClick={() => {
              if (typedName.trim().length < 2) {
                setErrors((e) => ({ ...e, typedName: t('consents.typeNameFirst') }));
                return;
              }
              pad.current?.writeText(typedName);
            }}
          >
            {t('consents.useTyped')}
          </Anchor>
          <Button type="submit" size="md" loading={busy} fullWidth>
            {t('consents.sign')}
          </Button>
          <Button variant="default" size="md" onClick={onBack} fullWidth>
            {t('consents.notNow')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
