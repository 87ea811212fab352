import { Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import type { Screening } from '@needlepoint/core/contracts/screening';
import { StatusIcon } from './icons';
import { verdictInfo } from './labels';

/** The verdict in words, with its colour and icon; says too whether decisions have cleared it. */
export function VerdictBanner({ screening }: { screening: Screening }) {
  const info = verdictInfo[screening.verdict];
  const openCount = screening.findings.filter((f) => f.open).length;
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      style={{
        borderColor: `var(--mantine-color-${info.color}-6)`,
        borderLeftWidth: 6,
        background: `var(--mantine-color-${info.color}-light)`,
      }}
    >
      <Group gap="md" wrap="nowrap" align="flex-start">
        <ThemeIcon color={info.color} size={44} radius="xl" variant="filled" aria-hidden>
          <StatusIcon name={info.icon} size={26} />
        </ThemeIcon>
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text size="xs" fw={700} tt="uppercase" c="dimmed">
            Verdict
          </Text>
          <Text fz={22} fw={700} lh={1.2} data-testid="screening-verdict">
            {info.label}
          </Text>
          <Text size="sm">{info.hint}</Text>
          {screening.verdict !== 'proceed' ? (
            <Text size="sm" fw={600} data-testid="screening-cleared">
              {screening.cleared
                ? '✓ Cleared for treatment: every finding that stood in the way has a decision that lifts it.'
                : `${openCount} ${openCount === 1 ? 'finding is' : 'findings are'} still open.`}
            </Text>
          ) : null}
        </Stack>
      </Group>
    </Paper>
  );
}

/** A compact verdict for lists: icon and words in a coloured pill. */
export function VerdictPill({ verdict }: { verdict: Screening['verdict'] }) {
  const info = verdictInfo[verdict];
  return (
    <Group
      gap={6}
      wrap="nowrap"
      px={8}
      py={2}
      style={{
        display: 'inline-flex',
        borderRadius: 999,
        color: `var(--mantine-color-${info.color}-light-color)`,
        background: `var(--mantine-color-${info.color}-light)`,
        fontSize: 'var(--mantine-font-size-sm)',
        fontWeight: 600,
        whiteSpace: 'nowrap',
      }}
    >
      <StatusIcon name={info.icon} size={16} />
      <span>{info.label}</span>
    </Group>
  );
}
