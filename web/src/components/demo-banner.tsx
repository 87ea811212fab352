import { Box, Text } from '@mantine/core';

/** Shown on every page of the demo clinic: trial data, public sign-ins, nothing real belongs here. */
export function DemoBanner() {
  return (
    <Box bg="yellow.1" px="md" py={6} role="note" data-testid="demo-banner">
      <Text size="sm" ta="center" c="dark.7" fw={500}>
        Demo clinic: made-up patients and public demo sign-ins, for trying Needlepoint. Do not enter real
        patient data.
      </Text>
    </Box>
  );
}
