import { Alert, List, Paper, Stack, Text, Title } from '@mantine/core';
import type { TriageResult } from '@needlepoint/core/aftercare/triage.schema';
import { useT } from '../../i18n/i18n';
import { AnchorLink } from '../../components/router-links';
import { urgencyColors, UrgencyBadge } from './urgency';

/** The advice's steps in the patient's language: each by its key, else (a check-in from before keys) as stored. */
export function useAdviceSteps(triage: TriageResult): string[] {
  const t = useT();
  const parts = triage.advice.parts;
  if (!parts || parts.length !== triage.advice.steps.length) return triage.advice.steps;
  return parts.map((part, i) => {
    if (!t.has(part.key)) return triage.advice.steps[i] ?? '';
    const text = t(part.key);
    if (!part.fields?.length) return text;
    const fields = part.fields.map((f) => {
      const key = t.has(`checkIn.field.${f}`) ? `checkIn.field.${f}` : `checkIn.flag.${f}`;
      return t.has(key) ? t(key) : f;
    });
    return `${text} ${t('triage.notAnswered', { fields: fields.join(', ') })}`;
  });
}

/** What the patient reads straight after a check-in: the headline first, then the steps. */
export function TriageAdvice({ triage }: { triage: TriageResult }) {
  const t = useT();
  const steps = useAdviceSteps(triage);
  const emergency = triage.urgency === 'emergency';
  const headline = t(`triage.headline.${triage.urgency}`);
  return (
    <Stack gap="md" data-testid="triage-advice" data-urgency={triage.urgency}>
      {emergency ? (
        <Alert
          color="red"
          variant="filled"
          radius="md"
          role="alert"
          title={t('triage.emergency')}
          data-testid="emergency-banner"
        >
          <Text fw={600}>{headline}</Text>
        </Alert>
      ) : (
        <Alert
          color={urgencyColors[triage.urgency]}
          radius="md"
          role="status"
          title={<UrgencyBadge urgency={triage.urgency} label={t(`triage.urgency.${triage.urgency}`)} />}
        >
          <Text fw={600}>{headline}</Text>
        </Alert>
      )}
      <Paper withBorder radius="md" p="md">
        <Title order={3} fz="md" mb="xs">
          {t('triage.whatToDo')}
        </Title>
        <List spacing="xs">
          {steps.map((step) => (
            <List.Item key={step}>
              <Text size="sm">{step}</Text>
            </List.Item>
          ))}
        </List>
        <AnchorLink
          to="/portal/learn/$slug"
          params={{ slug: 'aftercare' }}
          size="sm"
          mt="sm"
          display="inline-block"
        >
          {t('triage.readMore')}
        </AnchorLink>
      </Paper>
    </Stack>
  );
}
