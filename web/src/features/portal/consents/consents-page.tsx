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
import {
  ConsentSignature,
  ConsentStatus,
  PortalConsents,
  type ConsentStatus as ConsentStatusType,
} from '@needlepoint/core/contracts/consents';
import { isRevocableKind } from '@needlepoint/core/consents/kinds';
import { ErrorAlert } from '../../../components/error-alert';
import { Loading } from '../../../components/loading';
import { api, ApiError, messageOf } from '../../../lib/api';
import { formatDateTime } from '../../../lib/format';
import { useApi } from '../../../lib/use-api';
import { SignaturePad, type SignaturePadHandle } from './signature-pad';
import { Markdown } from '../../../components/markdown';

const stateBadge: Record<ConsentStatusType['state'], { label: string; color: string }> = {
  signed: { label: 'Signed', color: 'green' },
  'needs-re-consent': { label: 'Please sign the new version', color: 'orange' },
  'not-signed': { label: 'Not signed', color: 'gray' },
  revoked: { label: 'Withdrawn', color: 'gray' },
};

export const needsSigning = (c: ConsentStatusType) =>
  !isRevocableKind(c.kind) && (c.state === 'not-signed' || c.state === 'needs-re-consent');

/** Consent forms: read, sign with a typed name and a drawn signature, download, withdraw photo consents. */
export function ConsentsPage() {
  const list = useApi((signal) => api.get('/api/portal/consents', PortalConsents, undefined, signal), []);
  const [reading, setReading] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (list.status === 'error' && !list.data)
    return <ErrorAlert error={list.error} title="Could not load your consent forms" onRetry={list.reload} />;
  if (!list.data) return <Loading label="Loading your consent forms…" />;

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
          setNotice(`Thank you. “${signed.document.title}” is signed.`);
          window.scrollTo({ top: 0 });
        }}
        onOutdated={() => {
          setReading(null);
          setNotice('The clinic has just updated this form. Please read the new version before signing.');
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
          Consent forms
        </Title>
        <Text mt={6}>
          {toSign === 0
            ? 'You have signed every treatment form the clinic needs.'
            : toSign === 1
              ? 'There is 1 treatment form to read and sign before your treatment.'
              : `There are ${toSign} treatment forms to read and sign before your treatment.`}
        </Text>
      </div>
      {notice ? (
        <Alert color="green" variant="light" role="status" withCloseButton onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      ) : null}
      {consents.length === 0 ? (
        <Text c="dimmed">The clinic has not published any consent forms yet.</Text>
      ) : null}
      {treatment.length > 0 ? (
        <Stack gap="sm" component="section" aria-labelledby="treatment-forms">
          <Title order={2} fz="lg" id="treatment-forms">
            Treatment
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
              Photos (optional)
            </Title>
            <Text size="sm" c="dimmed" mt={2}>
              You choose how the clinic may use your photos. Each is optional, and you can withdraw it here at
              any time.
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
  const [withdrawing, setWithdrawing] = useState(false);
  const badge = stateBadge[consent.state];
  const signature = consent.latestSignature;
  const revocable = isRevocableKind(consent.kind);
  return (
    <Paper withBorder p="md" radius="md" data-testid={`consent-${consent.kind}`}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <Text fw={600}>{consent.document.title}</Text>
          <Badge color={badge.color} variant="light" style={{ flex: 'none' }}>
            {badge.label}
          </Badge>
        </Group>
        {signature && consent.state !== 'not-signed' ? (
          <Text size="sm">
            {signature.revocation
              ? `You withdrew this on ${formatDateTime(signature.revocation.revokedAt)}.`
              : `Signed by ${signature.typedName} on ${formatDateTime(signature.signedAt)} (version ${signature.documentVersion}).`}
          </Text>
        ) : null}
        {consent.state === 'needs-re-consent' ? (
          <Text size="sm">
            The clinic has updated this form since you signed it. Please read and sign the new version.
          </Text>
        ) : null}
        <Group gap="sm">
          {consent.state !== 'signed' ? (
            <Button size="md" onClick={onRead}>
              {consent.state === 'revoked' ? 'Read and sign again' : 'Read and sign'}
            </Button>
          ) : null}
          {signature ? (
            <Anchor href={`/api/portal/consent-signatures/${signature.id}/pdf`} download size="sm">
              Download signed copy (PDF)
            </Anchor>
          ) : null}
        </Group>
        {consent.state === 'signed' && revocable ? (
          <div>
            <Button variant="default" color="red" size="sm" onClick={() => setWithdrawing(true)}>
              Withdraw this consent
            </Button>
          </div>
        ) : null}
        {consent.state === 'signed' && !revocable ? (
          <Text size="sm" c="dimmed">
            Want to withdraw this consent or stop treatment? Please call the clinic — we will talk it through
            with you.
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
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function withdraw() {
    setBusy(true);
    setError(null);
    try {
      await api.post(
        `/api/portal/consent-signatures/${signatureId}/revoke`,
        ConsentSignature,
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
    <Modal opened={opened} onClose={onClose} title="Withdraw consent" centered>
      <Stack gap="md">
        <Text>
          You are withdrawing “{title}”. From now on the clinic will not use your photos this way. Photos
          already used cannot always be recalled.
        </Text>
        <Textarea
          label="Reason (optional)"
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
            Keep my consent
          </Button>
          <Button color="red" onClick={() => void withdraw()} loading={busy}>
            Withdraw
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
    if (typedName.trim().length < 2) next.typedName = 'Type your full name';
    if (!signature) next.signature = 'Draw your signature in the box';
    setErrors(next);
    setFormError(null);
    if (next.typedName || next.signature) return;
    setBusy(true);
    try {
      const status = await api.post(`/api/portal/consents/${doc.id}/sign`, ConsentStatus, {
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
          ← All consent forms
        </Anchor>
        <Title order={1} fz={{ base: 22, sm: 28 }} mt="xs">
          {doc.title}
        </Title>
        <Text size="sm" c="dimmed">
          Version {doc.version}
        </Text>
      </div>
      <Paper withBorder radius="md" bg="white">
        <ScrollArea.Autosize mah="55dvh" type="auto" offsetScrollbars>
          <div
            style={{ padding: 'var(--mantine-spacing-md)' }}
            data-testid="consent-text"
            tabIndex={0}
            role="region"
            aria-label={`Full text of ${doc.title}`}
          >
            <Markdown text={doc.body} size="md" />
          </div>
        </ScrollArea.Autosize>
      </Paper>
      <form onSubmit={submit} noValidate aria-label={`Sign ${doc.title}`}>
        <Stack gap="md">
          <Text>By signing, you confirm you have read and understood this form and agree to it.</Text>
          {formError ? (
            <Alert color="red" variant="light" role="alert">
              {messageOf(formError)}
            </Alert>
          ) : null}
          <TextInput
            label="Your full name"
            description="Your first and last name, as you would sign them"
            autoComplete="name"
            size="md"
            value={typedName}
            onChange={(e) => setTypedName(e.currentTarget.value)}
            error={errors.typedName}
            required
          />
          <SignaturePad
            ref={pad}
            label="Your signature"
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
                setErrors((e) => ({ ...e, typedName: 'Type your full name first' }));
                return;
              }
              pad.current?.writeText(typedName);
            }}
          >
            Can’t draw? Use your typed name as your signature
          </Anchor>
          <Button type="submit" size="md" loading={busy} fullWidth>
            Sign this form
          </Button>
          <Button variant="default" size="md" onClick={onBack} fullWidth>
            Not now
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
