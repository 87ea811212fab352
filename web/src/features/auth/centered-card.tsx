import { Box, Container, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A single card in the middle of the screen, for signed-out and enrolment pages. */
export function CenteredCard({ children, size = 420 }: { children: ReactNode; size?: number }) {
  return (
    <Box mih="100dvh" bg="gray.0" py={{ base: 'lg', sm: 64 }}>
      <Container size={size} px="md">
        <Group justify="center" mb="lg">
          <Text component="p" fw={700} fz="xl" c="blue.8">
            Needlepoint
          </Text>
        </Group>
        <main>{children}</main>
      </Container>
    </Box>
  );
}
