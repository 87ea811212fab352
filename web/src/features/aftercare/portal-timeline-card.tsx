import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { PortalTimeline } from '@needlepoint/core/contracts/aftercare';
import { api } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useApi } from '../../lib/use-api';

/** The patient's preparation and aftercare steps around their next (or latest) session. */
export function PortalTimelineCard() {
  const state = useApi((signal) => api.get('/api/portal/timeline', PortalTimeline, undefined, signal), []);
  const data = state.data;
  if (!data?.session || data.steps.length === 0) return null;
  const nextIndex = data.steps.findIndex((s) => s.date >= data.today);
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="section"
      aria-labelledby="care-timeline"
      data-testid="portal-timeline"
    >
      <Title order={2} fz="lg" id="care-timeline" mb={4}>
        {data.session.status === 'booked' ? 'Preparing for your session' : 'Caring for your skin'}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Session on {formatDate(data.steps.find((s) => s.key === 'day-of')?.date)}. Your clinic may tell you
        otherwise.
      </Text>
      <Stack gap="sm">
        {data.steps.map((step, i) => (
          <div key={step.key} data-past={step.date < data.today || undefined}>
            <Group gap="xs" wrap="nowrap">
              <Text size="sm" fw={600} style={{ minWidth: 96 }}>
                {formatDate(step.date)}
              </Text>
              <Text size="sm" fw={600}>
                {step.title}
              </Text>
              {i === nextIndex ? (
                <Badge size="xs" variant="light">
                  {step.date === data.today ? 'Today' : 'Next'}
                </Badge>
              ) : null}
            </Group>
            <Text size="sm" c="dimmed" pl={104}>
              {step.detail}
            </Text>
          </div>
        ))}
      </Stack>
    </Paper>
  );
}
