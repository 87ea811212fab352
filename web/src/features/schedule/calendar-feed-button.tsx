import { useState } from 'react';
import { Button, CopyButton, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import type { CalendarFeedDto } from '@needlepoint/core/contracts/bookings';
import type { Ok } from '@needlepoint/core/contracts/common';
import { ErrorAlert } from '../../components/error-alert';
import { api } from '../../lib/api';

/**
 * A private calendar feed (iCalendar) of the user's own appointments: shows the secret address to copy into a
 * calendar app, and revokes it. The address is shown once; a new one can be made any time.
 */
export function CalendarFeedButton({
  label = 'Calendar feed',
  description,
  variant = 'default',
  fullWidth = false,
}: {
  label?: string;
  description: string;
  variant?: 'default' | 'light';
  fullWidth?: boolean;
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
            Anyone with the address can see these appointments, so keep it private. You can turn it off here.
          </Text>
          {error ? <ErrorAlert error={error} title="That did not work" /> : null}
          {feed ? (
            <>
              <TextInput
                label="Private address"
                value={feed.url}
                readOnly
                onFocus={(e) => e.currentTarget.select()}
                data-testid="feed-url"
              />
              <Group>
                <CopyButton value={feed.url}>
                  {({ copied, copy }) => (
                    <Button onClick={copy} color={copied ? 'green' : undefined}>
                      {copied ? 'Copied' : 'Copy address'}
                    </Button>
                  )}
                </CopyButton>
                <Button variant="default" component="a" href={feed.url.replace(/^https?:/, 'webcal:')}>
                  Open in calendar app
                </Button>
                <Button variant="subtle" color="red" loading={busy} onClick={() => void revoke()}>
                  Turn off this address
                </Button>
              </Group>
            </>
          ) : (
            <Group>
              <Button loading={busy} onClick={() => void create()}>
                Make a private address
              </Button>
            </Group>
          )}
        </Stack>
      </Modal>
    </>
  );
}
