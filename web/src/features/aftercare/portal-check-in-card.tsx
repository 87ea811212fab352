import { Badge, Group, Paper, Text, Title } from '@mantine/core';
import type { PortalAftercare } from '@needlepoint/core/contracts/aftercare';
import { AnchorLink } from '../../components/router-links';
import { api } from '../../lib/api';
import { useApiQuery } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { useT } from '../../i18n/i18n';

/** The portal home card: after a treatment, how to check in (and whether the clinic is asking now). */
export function PortalCheckInCard() {
  const t = useT();
  const state = useApiQuery(keys.aftercare.portal, (signal) =>
    api.get<typeof PortalAftercare>('/api/portal/check-ins', undefined, signal),
  );
  const treatment = state.data?.treatment;
  if (!treatment) return null;
  const due = state.data?.due;
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="section"
      aria-labelledby="after-treatment"
      data-testid="portal-check-in-card"
      style={due ? { borderColor: 'var(--mantine-color-blue-5)', borderWidth: 2 } : undefined}
    >
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <div>
          <Group gap="xs">
            <Title order={2} fz="lg" id="after-treatment">
              {t('home.checkInCard.title')}
            </Title>
            {due ? (
              <Badge color="blue" size="sm">
                {t('home.checkInCard.due')}
              </Badge>
            ) : null}
          </Group>
          <Text size="sm" c="dimmed">
            {t('home.checkInCard.body', { day: treatment.daysSinceTreatment })}
          </Text>
        </div>
        <AnchorLink
          to="/portal/check-in"
          fw={600}
          style={{ flex: 'none', padding: '10px 0' }}
          data-testid="portal-check-in-link"
        >
          {t('home.checkInCard.action')}
        </AnchorLink>
      </Group>
    </Paper>
  );
}
