import { Stack, Text, Title } from '@mantine/core';
import { AnchorLink } from '../../components/router-links';
import { CenteredCard } from '../auth/centered-card';

export function NotFoundPage() {
  return (
    <CenteredCard>
      <Stack gap="sm" ta="center">
        <Title order={1} fz={26}>
          Page not found
        </Title>
        <Text c="dimmed">There is no page at this address.</Text>
        <AnchorLink to="/">Go to the start page</AnchorLink>
      </Stack>
    </CenteredCard>
  );
}
