import { Alert, Text } from '@mantine/core';
import type { photoRefusal } from './photo-labels';

/** Why the server refused a photo (or a change to one), what to do, and the server's own words when it gave any. */
export function PhotoRefusalAlert({
  refusal,
  testId,
}: {
  refusal: ReturnType<typeof photoRefusal>;
  testId: string;
}) {
  return (
    <Alert color="red" role="alert" title={refusal.title} data-testid={testId}>
      <Text size="sm">{refusal.advice}</Text>
      {refusal.detail ? (
        <Text size="xs" c="dimmed" mt={4}>
          {refusal.detail}
        </Text>
      ) : null}
    </Alert>
  );
}
