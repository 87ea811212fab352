import { Box, Container, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A single card in the middle of the screen, for signed-out and enrolment pages (`aside`: beside the name). */
export function CenteredCard({
  children,
  size = 420,
  aside,
}: {
  children: ReactNode;
  size?: number;
  aside?: ReactNode;
}) {
  return (
    <Box mih="100dvh" bg="gray.0" py={{ base: 'lg', sm: 64 }}>
      <Container size={size} px="md">
        <Group justify={aside ? 'space-between' : 'center'} mb="lg" wrap="nowrap">
          <Text component="p" fw={700} fz="xl" c="blue.8">
            Needlepoint
          </Text>
          {aside}
        </Group>
        <main>{children}</main>
      </Container>
    </Box>
  );
}
