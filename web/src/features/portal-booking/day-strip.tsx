import { Button, Group, Text, UnstyledButton } from '@mantine/core';
import { formatDay, formatLongDay } from '../../lib/clinic-time';
import { useT } from '../../i18n/i18n';

/** A row of days to pick from, each with how many times are open; days before the plan allows are marked. */
export function DayStrip({
  days,
  counts,
  selected,
  earliest,
  onSelect,
  onEarlier,
  onLater,
}: {
  days: string[];
  counts: ReadonlyMap<string, number>;
  selected: string | null;
  /** The plan's earliest due date: days before it are marked early. */
  earliest: string | null;
  onSelect: (day: string) => void;
  onEarlier: (() => void) | null;
  onLater: (() => void) | null;
}) {
  const t = useT();
  return (
    <div>
      <Group justify="space-between" mb={6} wrap="nowrap">
        <Text size="sm" fw={600} id="day-label">
          {t('booking.strip.chooseDay')}
        </Text>
        <Group gap={4} wrap="nowrap">
          <Button variant="subtle" size="compact-sm" disabled={!onEarlier} onClick={() => onEarlier?.()}>
            {t('booking.strip.earlier')}
          </Button>
          <Button variant="subtle" size="compact-sm" disabled={!onLater} onClick={() => onLater?.()}>
            {t('booking.strip.later')}
          </Button>
        </Group>
      </Group>
      <div
        role="group"
        aria-labelledby="day-label"
        style={{ display: 'flex', gap: 8, overflowX: 'auto', paddingBottom: 4 }}
        data-testid="day-strip"
      >
        {days.map((d) => {
          const count = counts.get(d) ?? 0;
          const early = earliest ? d < earliest : false;
          const isSelected = d === selected;
          const [weekday = '', ...rest] = formatDay(d).split(' ');
          return (
            <UnstyledButton
              key={d}
              disabled={count === 0}
              aria-pressed={isSelected}
              aria-label={t(early ? 'booking.strip.dayEarly' : 'booking.strip.day', {
                day: formatLongDay(d),
                count,
              })}
              data-date={d}
              onClick={() => onSelect(d)}
              style={{
                flex: 'none',
                minWidth: 64,
                minHeight: 64,
                padding: '6px 8px',
                borderRadius: 10,
                textAlign: 'center',
                border: `1px solid ${isSelected ? 'var(--mantine-color-blue-7)' : 'var(--mantine-color-gray-4)'}`,
                background: isSelected
                  ? 'var(--mantine-color-blue-7)'
                  : count === 0
                    ? 'var(--mantine-color-gray-1)'
                    : 'white',
                color: isSelected
                  ? 'white'
                  : count === 0
                    ? 'var(--mantine-color-gray-7)'
                    : 'var(--mantine-color-dark-7)',
                cursor: count === 0 ? 'not-allowed' : 'pointer',
              }}
            >
              <Text size="xs" fw={600} inherit>
                {weekday.replace(/,$/, '')}
              </Text>
              <Text fw={700} inherit>
                {rest.join(' ')}
              </Text>
              {early && count > 0 ? (
                <Text size="xs" inherit>
                  {t('booking.strip.early')}
                </Text>
              ) : null}
            </UnstyledButton>
          );
        })}
      </div>
    </div>
  );
}
