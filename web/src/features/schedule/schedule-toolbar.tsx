import { Box, Button, Checkbox, Group, SegmentedControl, Text, TextInput } from '@mantine/core';
import type { ScheduleSearch } from './search';
import { addDays } from '../../lib/clinic-time';

/** Above the calendar: previous / today / next, a date to go to, cancelled bookings shown or not, day or week. */
export function ScheduleToolbar({
  date,
  view,
  showCancelled,
  onShowCancelled,
  onSearch,
}: {
  date: string;
  view: 'day' | 'week';
  showCancelled: boolean;
  onShowCancelled: (show: boolean) => void;
  onSearch: (next: Partial<ScheduleSearch>) => void;
}) {
  return (
    <Group justify="space-between" gap="sm">
      <Group gap="xs">
        <Button
          variant="default"
          onClick={() => onSearch({ date: addDays(date, view === 'week' ? -7 : -1) })}
          aria-label={view === 'week' ? 'Previous week' : 'Previous day'}
        >
          ‹
        </Button>
        <Button variant="default" onClick={() => onSearch({ date: undefined })}>
          Today
        </Button>
        <Button
          variant="default"
          onClick={() => onSearch({ date: addDays(date, view === 'week' ? 7 : 1) })}
          aria-label={view === 'week' ? 'Next week' : 'Next day'}
        >
          ›
        </Button>
        <TextInput
          type="date"
          aria-label="Go to date"
          value={date}
          onChange={(e) => {
            const v = e.currentTarget.value;
            if (/^\d{4}-\d{2}-\d{2}$/.test(v)) onSearch({ date: v });
          }}
          w={160}
        />
      </Group>
      <Group gap="sm">
        <Checkbox
          label="Show cancelled"
          checked={showCancelled}
          onChange={(e) => onShowCancelled(e.currentTarget.checked)}
        />
        <SegmentedControl
          aria-label="Calendar view"
          value={view}
          onChange={(v) => onSearch({ view: v })}
          data={[
            { value: 'day', label: 'Day' },
            { value: 'week', label: 'Week' },
          ]}
        />
      </Group>
    </Group>
  );
}

/** What the two shades of a booking mean, and how to move one. */
export function CalendarLegend({ canMove }: { canMove: boolean }) {
  return (
    <Group gap="md" mt="xs">
      <Legend striped label="Numbing" />
      <Legend label="Procedure" />
      {canMove ? (
        <Text size="xs" c="dimmed">
          Drag a booking to move it (15-minute steps), or open it and choose “Move…”.
        </Text>
      ) : null}
    </Group>
  );
}

function Legend({ label, striped = false }: { label: string; striped?: boolean }) {
  return (
    <Group gap={6}>
      <Box
        aria-hidden
        w={18}
        h={12}
        style={{
          borderRadius: 3,
          border: '1px solid var(--mantine-color-blue-6)',
          background: striped
            ? 'repeating-linear-gradient(135deg, var(--mantine-color-blue-0) 0, var(--mantine-color-blue-0) 4px, white 4px, white 8px)'
            : 'var(--mantine-color-blue-1)',
        }}
      />
      <Text size="xs">{label}</Text>
    </Group>
  );
}
