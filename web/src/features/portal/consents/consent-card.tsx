import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Modal, Paper, Stack, Text, Textarea } from '@mantine/core';
import type { ConsentSignature } from '@needlepoint/core/contracts/consents';
import type { ConsentStatus as ConsentStatusType } from '@needlepoint/core/contracts/consents';
import { isRevocableKind } from '@needlepoint/core/consents/kinds';
import { api } from '../../../lib/api';
import { useApiMutation } from '../../../lib/query';
import { keys } from '../../../lib/query-keys';
import { formatDateTime } from '../../../lib/clinic-time';
import { useErrorText, useT } from '../../../i18n/i18n';
import { useLocaleChoice } from '../../../i18n/locale';
import { consentTextFor } from '@needlepoint/core/consents/texts';

const stateColors: Record<ConsentStatusType['state'], string> = {
  signed: 'green',
  'needs-re-consent': 'orange',
  'not-signed': 'gray',
  revoked: 'gray',
};

export function ConsentCard({ consent, onRead }: { consent: ConsentStatusType; onRead: () => void }) {
  const t = useT();
  const [withdrawing, setWithdrawing] = useState(false);
  const signature = consent.latestSignature;
  const revocable = isRevocableKind(consent.kind);
  const { locale } = useLocaleChoice();
  const title = consentTextFor(consent.document, locale).title;
  return (
    <Paper withBorder p="md" radius="md" data-testid={`consent-${consent.kind}`}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <Text fw={600}>{title}</Text>
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
          title={title}
          signatureId={signature.id}
          onClose={() => setWithdrawing(false)}
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
}: {
  opened: boolean;
  title: string;
  signatureId: string;
  onClose: () => void;
}) {
  const t = useT();
  const errorText = useErrorText();
  const [reason, setReason] = useState('');
  // A photo consent withdrawn: the list shows it, and the clinic may no longer take photos.
  const withdraw = useApiMutation({
    mutationFn: () =>
      api.post<typeof ConsentSignature>(
        `/api/portal/consent-signatures/${signatureId}/revoke`,
        reason.trim() ? { reason: reason.trim() } : {},
      ),
    invalidates: [keys.portal.consents],
    onSuccess: onClose,
  });
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
        {withdraw.error ? (
          <Alert color="red" variant="light" role="alert">
            {errorText(withdraw.error)}
          </Alert>
        ) : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('consents.keep')}
          </Button>
          <Button color="red" onClick={() => withdraw.mutate()} loading={withdraw.isPending}>
            {t('consents.withdrawConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
