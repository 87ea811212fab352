import { useState } from 'react';
import { Accordion, Alert, Badge, Button, Checkbox, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { Ok } from '@needlepoint/core/contracts/common';
import type { Inbox, MessagePreferences } from '@needlepoint/core/contracts/messages';
import { Loading } from '../../components/loading';
import { api } from '../../lib/api';
import { formatDateTime } from '../../lib/clinic-time';
import { useApiMutation, useApiQuery } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { AreaMessages, useErrorText, useT } from '../../i18n/i18n';
import { messagesCatalogs } from './messages-catalogs';

/** The patient's inbox (a copy of every message the clinic sent) and how they want to be contacted. */
export function PortalMessagesPage() {
  return (
    <AreaMessages catalogs={messagesCatalogs}>
      <MessagesView />
    </AreaMessages>
  );
}

function MessagesView() {
  const t = useT();
  const errorText = useErrorText();
  const inbox = useApiQuery(keys.portal.inbox, (signal) =>
    api.get<typeof Inbox>('/api/portal/messages', undefined, signal),
  );
  // A message opened is read: its "new" badge goes once the inbox is read again (a failure changes nothing).
  const read = useApiMutation({
    mutationFn: (id: string) => api.post<typeof Ok>(`/api/portal/messages/${id}/read`),
    invalidates: [keys.portal.inbox],
  });
  const markRead = (id: string) => {
    const message = inbox.data?.messages.find((m) => m.id === id);
    if (message && !message.readAt) read.mutate(id);
  };
  return (
    <Stack gap="lg">
      <Title order={1} fz={26}>
        {t('messages.inbox.title')}
      </Title>
      {inbox.isError ? (
        <Alert color="red" variant="light" role="alert">
          {errorText(inbox.error)}
        </Alert>
      ) : !inbox.data ? (
        <Loading />
      ) : inbox.data.messages.length === 0 ? (
        <Text c="dimmed">{t('messages.inbox.empty')}</Text>
      ) : (
        <Accordion variant="separated" onChange={(id) => id && markRead(id)}>
          {inbox.data.messages.map((m) => (
            <Accordion.Item key={m.id} value={m.id}>
              <Accordion.Control>
                <Group gap="xs" wrap="nowrap">
                  {m.readAt ? null : (
                    <Badge size="sm" color="teal">
                      {t('messages.inbox.new')}
                    </Badge>
                  )}
                  <Stack gap={0}>
                    <Text fw={m.readAt ? 400 : 700}>{m.subject}</Text>
                    <Text size="sm" c="dimmed">
                      {formatDateTime(m.sentAt)}
                    </Text>
                  </Stack>
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <Text style={{ whiteSpace: 'pre-line' }}>{m.body}</Text>
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
      <Preferences />
    </Stack>
  );
}

function Preferences() {
  const loaded = useApiQuery(keys.portal.messagePreferences, (signal) =>
    api.get<typeof MessagePreferences>('/api/portal/message-preferences', undefined, signal),
  );
  if (!loaded.data) return loaded.isError ? null : <Loading />;
  return <PreferencesForm initial={loaded.data} />;
}

function PreferencesForm({ initial }: { initial: MessagePreferences }) {
  const t = useT();
  const errorText = useErrorText();
  const [form, setForm] = useState(initial);
  const save = useApiMutation({
    mutationFn: () => api.put<typeof MessagePreferences>('/api/portal/message-preferences', form),
    invalidates: [keys.portal.messagePreferences],
    onSuccess: setForm,
  });
  const set = (patch: Partial<MessagePreferences>) => {
    setForm({ ...form, ...patch });
    save.reset();
  };
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="contact-heading">
      <Stack gap="sm">
        <Title order={2} fz={20} id="contact-heading">
          {t('messages.prefs.title')}
        </Title>
        <Checkbox
          label={t('messages.prefs.email')}
          checked={form.email}
          onChange={(e) => set({ email: e.currentTarget.checked })}
        />
        <Checkbox
          label={t('messages.prefs.sms')}
          checked={form.sms}
          onChange={(e) => set({ sms: e.currentTarget.checked })}
        />
        <Checkbox
          label={t('messages.prefs.nonEssential')}
          checked={form.nonEssential}
          onChange={(e) => set({ nonEssential: e.currentTarget.checked })}
        />
        <Text size="sm" c="dimmed">
          {t('messages.prefs.note')}
        </Text>
        {save.error ? (
          <Alert color="red" variant="light" role="alert">
            {errorText(save.error)}
          </Alert>
        ) : null}
        <Group>
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            {t('messages.prefs.save')}
          </Button>
          {save.isSuccess ? (
            <Text size="sm" role="status">
              {t('messages.prefs.saved')}
            </Text>
          ) : null}
        </Group>
      </Stack>
    </Paper>
  );
}
