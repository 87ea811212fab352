import { Alert, List, Paper, Stack, Text, Title } from '@mantine/core';
import type { TriageResult } from '@needlepoint/core/aftercare/triage.schema';
import { urgencyColors, UrgencyBadge } from './urgency';

/** What the patient reads straight after a check-in: the headline first, then the steps. */
export function TriageAdvice({ triage }: { triage: TriageResult }) {
  const emergency = triage.urgency === 'emergency';
  return (
    <Stack gap="md" data-testid="triage-advice" data-urgency={triage.urgency}>
      {emergency ? (
        <Alert
          color="red"
          variant="filled"
          radius="md"
          role="alert"
          title="Emergency"
          data-testid="emergency-banner"
        >
          <Text fw={600}>{triage.advice.headline}</Text>
        </Alert>
      ) : (
        <Alert
          color={urgencyColors[triage.urgency]}
          radius="md"
          role="status"
          title={<UrgencyBadge urgency={triage.urgency} />}
        >
          <Text fw={600}>{triage.advice.headline}</Text>
        </Alert>
      )}
      <Paper withBorder radius="md" p="md">
        <Title order={3} fz="md" mb="xs">
          What to do
        </Title>
        <List spacing="xs">
          {triage.advice.steps.map((step) => (
            <List.Item key={step}>
              <Text size="sm">{step}</Text>
            </List.Item>
          ))}
        </List>
      </Paper>
    </Stack>
  );
}
