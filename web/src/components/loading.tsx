import { Center, Group, Loader, Text } from '@mantine/core';
import { useComponentTexts } from './component-texts';

export function Loading({ label, full = false }: { label?: string; full?: boolean }) {
  const texts = useComponentTexts();
  return (
    <Center h={full ? '100dvh' : 160} role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" aria-hidden />
        <Text c="dimmed">{label ?? texts.loading}</Text>
      </Group>
    </Center>
  );
}
