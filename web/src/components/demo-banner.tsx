import { Box, Text } from '@mantine/core';
import { useComponentTexts } from './component-texts';

/** Shown on every page of the demo clinic: trial data, public sign-ins, nothing real belongs here. */
export function DemoBanner() {
  const texts = useComponentTexts();
  return (
    <Box bg="yellow.1" px="md" py={6} role="note" data-testid="demo-banner">
      <Text size="sm" ta="center" c="dark.7" fw={500}>
        {texts.demoBanner}
      </Text>
    </Box>
  );
}
