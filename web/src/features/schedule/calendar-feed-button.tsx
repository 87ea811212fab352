import { useState } from 'react';
import { Button, CopyButton, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import type { CalendarFeedDto } from '@needlepoint/core/contracts/bookings';
import type { Ok } from '@needlepoint/core/contracts/common';
import { ErrorAlert } from '../../components/error-alert';
import { api } from '../../lib/api';

/** The pop-up's own words; the portal passes them in the patient's language (English by default). */
export interface CalendarFeedTexts {
  privateNote: string;
  failed: string;
  address: string;
  copy: string;
  copied: string;
  open: string;
  turnOff: string;
  make: string;
}

const englishTexts: CalendarFeedTexts = {
  privateNote:
    'Anyone with the address can see these appointments, so keep it private. You can turn it off here.',
  failed: 'That did not work',
  address: 'Private address',
  copy: 'Copy address',
  copied: 'Copied',
  open: 'Open in calendar app',
  turnOff: 'Turn off this address',
  make: 'Make a private address',
};

/**
 * A private calendar feed (iCalendar) of the user's own appointments: shows the secret address to copy into a
 * calendar app, and revokes it. The address is shown once; a new one can be made any time.
 */
export function CalendarFeedButton({
  label = 'Calendar feed',
  description,
  variant = 'default',
  fullWidth = false,
  texts = englishTexts,
}: {
  label?: string;
  description: string;
  variant?: 'default' | 'light';
  fullWidth?: boolean;
  texts?: CalendarFeedTexts;
}) {
  const [opened, setOpened] = useState(false);
  const [feed, setFeed] = useState<CalendarFeedDto | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function create() {
    setBusy(true);
    setError(null);
    try {
      setFeed(await api.post<typeof CalendarFeedDto>('/api/calendar-feeds'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function revoke() {
    if (!feed) return;
    setBusy(true);
    setError(null);
    try {
      await api.delete<typeof Ok>(`/api/calendar-feeds/${feed.id}`);
      setFeed(null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button variant={variant} fullWidth={fullWidth} onClick={() => setOpened(true)}>
        {label}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={label}>
        <Stack gap="sm">
          <Text size="sm">{description}</Text>
          <Text size="sm" c="dimmed">
            {texts.privateNote}
          </Text>
          {error ? <ErrorAlert error={error} title={texts.failed} /> : null}
          {feed ? (
            <>
              <TextInput
                label={texts.address}
                value={feed.url}
                readOnly
                onFocus={(e) => e.currentTarget.select()}
                data-testid="feed-url"
              />
              <Group>
                <CopyButton value={feed.url}>
                  {({ copied, copy }) => (
                    <Button onClick={copy} color={copied ? 'green' : undefined}>
                      {copied ? texts.copied : texts.copy}
                    </Button>
                  )}
                </CopyButton>
                <Button variant="default" component="a" href={feed.url.replace(/^https?:/, 'webcal:')}>
                  {texts.open}
                </Button>
                <Button variant="subtle" color="red" loading={busy} onClick={() => void revoke()}>
                  {texts.turnOff}
                </Button>
              </Group>
            </>
          ) : (
            <Group>
              <Button loading={busy} onClick={() => void create()}>
                {texts.make}
              </Button>
            </Group>
          )}
        </Stack>
      </Modal>
    </>
  );
}
