import { useRef, useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Paper, ScrollArea, Stack, Text, TextInput, Title } from '@mantine/core';
import type { ConsentStatus } from '@needlepoint/core/contracts/consents';
import type { ConsentStatus as ConsentStatusType } from '@needlepoint/core/contracts/consents';
import { api } from '../../../lib/api';
import { useApiMutation } from '../../../lib/query';
import { keys } from '../../../lib/query-keys';
import { SignaturePad, type SignaturePadHandle } from './signature-pad';
import { Markdown } from '../../../components/markdown';
import { useErrorText, useT } from '../../../i18n/i18n';
import { useLocaleChoice } from '../../../i18n/locale';
import { consentTextFor } from '@needlepoint/core/consents/texts';

export function SignView({
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
  const errorText = useErrorText();
  const pad = useRef<SignaturePadHandle>(null);
  const [typedName, setTypedName] = useState('');
  const [errors, setErrors] = useState<{ typedName?: string | undefined; signature?: string | undefined }>(
    {},
  );
  const [formError, setFormError] = useState<unknown>(null);
  const doc = consent.document;
  const { locale } = useLocaleChoice();
  // The patient's language when the clinic's version has it, else English with a note (ADR 069).
  const text = consentTextFor(doc, locale);
  // A signed form can unblock booking, so the times on offer are read again too.
  const sign = useApiMutation({
    mutationFn: (body: { language: 'en' | 'es'; typedName: string; signature: string }) =>
      api.post<typeof ConsentStatus>(`/api/portal/consents/${doc.id}/sign`, body),
    invalidates: [keys.portal.consents, keys.portal.slots],
    onSuccess: onSigned,
    onError: (error) => {
      if (error.code === 'VALIDATION_FAILED' && error.fields.length > 0) {
        setErrors({ typedName: error.fieldError('typedName'), signature: error.fieldError('signature') });
        if (!error.fieldError('typedName') && !error.fieldError('signature')) setFormError(error);
      } else if (error.code === 'CONSENT_DOCUMENT_SUPERSEDED') {
        onOutdated();
      } else {
        setFormError(error);
      }
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const signature = pad.current?.toDataUrl() ?? null;
    const next: typeof errors = {};
    if (typedName.trim().length < 2) next.typedName = t('consents.typeName');
    if (!signature) next.signature = t('consents.drawSignature');
    setErrors(next);
    setFormError(null);
    if (next.typedName || !signature) return;
    sign.mutate({ language: text.language, typedName: typedName.trim(), signature });
  }

  return (
    <Stack gap="lg">
      <div>
        <Anchor component="button" type="button" size="sm" onClick={onBack}>
          {t('consents.all')}
        </Anchor>
        <Title order={1} fz={{ base: 22, sm: 28 }} mt="xs">
          <span lang={text.language !== locale ? text.language : undefined}>{text.title}</span>
        </Title>
        <Text size="sm" c="dimmed">
          {t('consents.version', { version: doc.version })}
        </Text>
      </div>
      {text.englishOnly ? (
        <Alert color="blue" variant="light" data-testid="consent-english-only">
          {t('consents.englishOnly')}
        </Alert>
      ) : null}
      <Paper withBorder radius="md" bg="white">
        <ScrollArea.Autosize mah="55dvh" type="auto" offsetScrollbars>
          <div
            style={{ padding: 'var(--mantine-spacing-md)' }}
            data-testid="consent-text"
            data-language={text.language}
            lang={text.language !== locale ? text.language : undefined}
            tabIndex={0}
            role="region"
            aria-label={t('consents.fullText', { title: text.title })}
          >
            <Markdown text={text.body} size="md" />
          </div>
        </ScrollArea.Autosize>
      </Paper>
      <form onSubmit={submit} noValidate aria-label={t('consents.signForm', { title: text.title })}>
        <Stack gap="md">
          <Text>{t('consents.confirm')}</Text>
          {formError ? (
            <Alert color="red" variant="light" role="alert">
              {errorText(formError)}
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
          <Button type="submit" size="md" loading={sign.isPending} fullWidth>
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
