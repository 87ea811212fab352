import { Badge, Group, Paper, Text, Title } from '@mantine/core';
import { PortalAftercare } from '@needlepoint/core/contracts/aftercare';
import { AnchorLink } from '../../components/router-links';
import { api } from '../../lib/api';
import { useApi } from '../../lib/use-api';

/** The portal home card: after a treatment, how to check in (and whether the clinic is asking now). */
export function PortalCheckInCard() {
  const state = useApi((signal) => api.get('/api/portal/check-ins', PortalAftercare, undefined, signal), []);
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
              After your treatment
            </Title>
            {due ? (
              <Badge color="blue" size="sm">
                Check-in due
              </Badge>
            ) : null}
          </Group>
          <Text size="sm" c="dimmed">
            Day {treatment.daysSinceTreatment}. Tell us how your skin is doing and get advice straight away.
          </Text>
        </div>
        <AnchorLink
          to="/portal/check-in"
          fw={600}
          style={{ flex: 'none', padding: '10px 0' }}
          data-testid="portal-check-in-link"
        >
          Check in
        </AnchorLink>
      </Group>
    </Paper>
  );
}
