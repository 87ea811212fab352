import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { PortalTimeline } from '@needlepoint/core/contracts/aftercare';
import { api } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useApiQuery } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { AnchorLink } from '../../components/router-links';
import { useT } from '../../i18n/i18n';
import { useLocaleChoice } from '../../i18n/locale';

/** The patient's preparation and aftercare steps around their next (or latest) session. */
export function PortalTimelineCard() {
  const t = useT();
  const { locale } = useLocaleChoice();
  const state = useApiQuery(keys.aftercare.timeline(locale), (signal) =>
    api.get<typeof PortalTimeline>('/api/portal/timeline', { language: locale }, signal),
  );
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
        {data.session.status === 'booked' ? t('home.timeline.preparing') : t('home.timeline.caring')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('home.timeline.session', { date: formatDate(data.steps.find((s) => s.key === 'day-of')?.date) })}
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
                  {step.date === data.today ? t('home.timeline.today') : t('home.timeline.next')}
                </Badge>
              ) : null}
            </Group>
            <Text size="sm" c="dimmed" pl={104}>
              {step.detail}
            </Text>
          </div>
        ))}
      </Stack>
      <AnchorLink
        to="/portal/learn/$slug"
        params={{ slug: data.session.status === 'booked' ? 'preparation' : 'aftercare' }}
        size="sm"
        mt="sm"
        display="inline-block"
      >
        {data.session.status === 'booked'
          ? t('home.timeline.learnPreparation')
          : t('home.timeline.learnAftercare')}
      </AnchorLink>
    </Paper>
  );
}
