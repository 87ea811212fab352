import { Center, Group, Loader, Text } from '@mantine/core';

export function Loading({ label = 'Loading…', full = false }: { label?: string; full?: boolean }) {
  return (
    <Center h={full ? '100dvh' : 160} role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" aria-hidden />
        <Text c="dimmed">{label}</Text>
      </Group>
    </Center>
  );
}
