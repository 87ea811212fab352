import { useState } from 'react';
import { Alert, Button, Group, Text, Textarea } from '@mantine/core';
import { ApiError, messageOf } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { intervalViolation, refusalOverridable, refusalTitle } from './schedule-lib';

/**
 * A booking or move the server refused, in its own words. When every rule it broke is one this person may lift (a
 * plan interval that is too short for a provider or the owner; a missing treatment consent for a provider), they
 * may confirm an override with a reason (the server records it).
 */
export function BookingRefusal({
  error,
  canOverride,
  busy,
  onOverride,
}: {
  error: unknown;
  canOverride: boolean;
  busy?: boolean;
  onOverride?: (reason: string) => void;
}) {
  const [reason, setReason] = useState('');
  const interval = intervalViolation(error);
  const code = error instanceof ApiError ? error.code : null;
  const overridable = canOverride && refusalOverridable(error);
  return (
    <Alert
      color={code === 'BOOKING_SLOT_TAKEN' ? 'yellow' : 'red'}
      title={refusalTitle(error)}
      role="alert"
      data-testid="booking-refusal"
    >
      <Text size="sm">{messageOf(error)}</Text>
      {interval?.earliestAfter ? (
        <Text size="sm" mt={4}>
          The earliest day this plan allows is {formatDate(interval.earliestAfter)}.
        </Text>
      ) : null}
      {code === 'BOOKING_SLOT_TAKEN' ? (
        <Text size="sm" mt={4}>
          The open times have been refreshed.
        </Text>
      ) : null}
      {overridable && onOverride ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (reason.trim().length >= 3) onOverride(reason.trim());
          }}
        >
          <Textarea
            mt="sm"
            label="Reason to book anyway"
            description={
              code === 'BOOKING_CONSENT_NOT_SIGNED'
                ? 'As the clinician you may book before the consent is signed; the reason is recorded.'
                : "As the clinician you may override the plan's interval; the reason is recorded."
            }
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            minRows={2}
            autosize
          />
          <Group mt="xs">
            <Button type="submit" color="red" size="xs" loading={busy} disabled={reason.trim().length < 3}>
              Override and book
            </Button>
          </Group>
        </form>
      ) : interval ? (
        <Text size="xs" c="dimmed" mt={4}>
          Only a provider or the owner can override the interval.
        </Text>
      ) : code === 'BOOKING_CONSENT_NOT_SIGNED' ? (
        <Text size="xs" c="dimmed" mt={4}>
          The patient can sign it in the portal; only a provider can book without it.
        </Text>
      ) : null}
    </Alert>
  );
}
