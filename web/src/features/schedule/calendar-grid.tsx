import { useState, type DragEvent } from 'react';
import { Box, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import type { CalendarBooking } from '@needlepoint/core/contracts/bookings';
import { appointmentLabels } from '../staff-shared';
import { clinicDate, clinicMinutes, clinicTime, toHHMM } from '../../lib/clinic-time';

export const SLOT_MINUTES = 15;
const ROW_PX = 18;
const PX_PER_MINUTE = ROW_PX / SLOT_MINUTES;

export interface CalendarColumn {
  key: string;
  label: string;
  sublabel?: string;
  date: string;
  /** Day view: the provider this column shows; a drop here moves the booking to them. */
  providerId?: string;
}

export interface MoveTarget {
  booking: CalendarBooking;
  date: string;
  minutes: number;
  providerId?: string;
}

const statusTone: Record<string, { procedure: string; numbing: string; border: string; text: string }> = {
  booked: {
    procedure: 'var(--mantine-color-blue-1)',
    numbing: 'var(--mantine-color-blue-0)',
    border: 'var(--mantine-color-blue-6)',
    text: 'var(--mantine-color-dark-8)',
  },
  completed: {
    procedure: 'var(--mantine-color-green-1)',
    numbing: 'var(--mantine-color-green-0)',
    border: 'var(--mantine-color-green-7)',
    text: 'var(--mantine-color-dark-8)',
  },
  'no-show': {
    procedure: 'var(--mantine-color-orange-1)',
    numbing: 'var(--mantine-color-orange-0)',
    border: 'var(--mantine-color-orange-7)',
    text: 'var(--mantine-color-dark-8)',
  },
  cancelled: {
    procedure: 'var(--mantine-color-gray-1)',
    numbing: 'var(--mantine-color-gray-0)',
    border: 'var(--mantine-color-gray-5)',
    text: 'var(--mantine-color-dark-8)',
  },
};

/** Side-by-side lanes for bookings that overlap in one column. */
function lanes(bookings: CalendarBooking[]): Map<string, { lane: number; of: number }> {
  const sorted = [...bookings].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const result = new Map<string, { lane: number; of: number }>();
  let cluster: { id: string; lane: number }[] = [];
  let clusterEnd = 0;
  let laneEnds: number[] = [];
  const flush = () => {
    const of = Math.max(1, laneEnds.length);
    for (const c of cluster) result.set(c.id, { lane: c.lane, of });
    cluster = [];
    laneEnds = [];
  };
  for (const b of sorted) {
    const start = Date.parse(b.startsAt);
    const end = Date.parse(b.endsAt);
    if (cluster.length > 0 && start >= clusterEnd) flush();
    let lane = laneEnds.findIndex((e) => e <= start);
    if (lane === -1) {
      lane = laneEnds.length;
      laneEnds.push(end);
    } else laneEnds[lane] = end;
    cluster.push({ id: b.id, lane });
    clusterEnd = Math.max(clusterEnd, end);
  }
  flush();
  return result;
}

/**
 * A time grid in the clinic's local time: one column per provider (day) or per day (week), 15-minute rows.
 * Booked blocks can be dragged to another time or column; the drop snaps to 15 minutes.
 */
export function CalendarGrid({
  columns,
  bookings,
  columnOf,
  timeZone,
  startMinutes,
  endMinutes,
  canMove,
  pendingId,
  onOpen,
  onMove,
}: {
  columns: CalendarColumn[];
  bookings: CalendarBooking[];
  /** Which column key a booking belongs in. */
  columnOf: (booking: CalendarBooking) => string;
  timeZone: string;
  startMinutes: number;
  endMinutes: number;
  canMove: boolean;
  pendingId: string | null;
  onOpen: (booking: CalendarBooking) => void;
  onMove: (target: MoveTarget) => void;
}) {
  const [drag, setDrag] = useState<{ id: string; grabMinutes: number } | null>(null);
  const [hover, setHover] = useState<{ column: string; minutes: number } | null>(null);
  const height = (endMinutes - startMinutes) * PX_PER_MINUTE;
  const rows: number[] = [];
  for (let m = startMinutes; m < endMinutes; m += SLOT_MINUTES) rows.push(m);
  const dragged = drag ? bookings.find((b) => b.id === drag.id) : undefined;
  const draggedLength = dragged ? (Date.parse(dragged.endsAt) - Date.parse(dragged.startsAt)) / 60_000 : 0;

  function dropMinutes(event: DragEvent<HTMLDivElement>): number {
    const rect = event.currentTarget.getBoundingClientRect();
    const y = event.clientY - rect.top;
    const raw = startMinutes + y / PX_PER_MINUTE - (drag?.grabMinutes ?? 0);
    const snapped = Math.round(raw / SLOT_MINUTES) * SLOT_MINUTES;
    return Math.max(startMinutes, Math.min(endMinutes - SLOT_MINUTES, snapped));
  }

  return (
    <Box style={{ overflowX: 'auto' }} data-testid="calendar-grid">
      <Box
        style={{
          display: 'grid',
          gridTemplateColumns: `56px repeat(${columns.length}, minmax(132px, 1fr))`,
          minWidth: 56 + columns.length * 132,
        }}
      >
        <Box
          style={{
            position: 'sticky',
            left: 0,
            zIndex: 3,
            background: 'var(--mantine-color-body)',
            borderBottom: '1px solid var(--mantine-color-gray-3)',
          }}
        />
        {columns.map((column) => (
          <Box
            key={column.key}
            px="xs"
            py={6}
            style={{
              borderBottom: '1px solid var(--mantine-color-gray-3)',
              borderLeft: '1px solid var(--mantine-color-gray-3)',
            }}
          >
            <Text fw={600} size="sm" truncate="end">
              {column.label}
            </Text>
            {column.sublabel ? (
              <Text size="xs" c="dimmed" truncate="end">
                {column.sublabel}
              </Text>
            ) : null}
          </Box>
        ))}

        <Box
          aria-hidden
          style={{
            position: 'sticky',
            left: 0,
            zIndex: 2,
            height,
            background: 'var(--mantine-color-body)',
          }}
        >
          {rows
            .filter((m) => m % 60 === 0)
            .map((m) => (
              <Text
                key={m}
                size="xs"
                c="dimmed"
                style={{
                  position: 'absolute',
                  top: Math.max(0, (m - startMinutes) * PX_PER_MINUTE - 7),
                  right: 8,
                }}
              >
                {toHHMM(m)}
              </Text>
            ))}
        </Box>

        {columns.map((column) => {
          const inColumn = bookings.filter((b) => columnOf(b) === column.key);
          const layout = lanes(inColumn);
          const showGhost = drag && hover?.column === column.key;
          return (
            <Box
              key={column.key}
              data-testid={`calendar-column-${column.key}`}
              onDragOver={(event) => {
                if (!drag) return;
                event.preventDefault();
                event.dataTransfer.dropEffect = 'move';
                const minutes = dropMinutes(event);
                if (hover?.column !== column.key || hover.minutes !== minutes)
                  setHover({ column: column.key, minutes });
              }}
              onDragLeave={() => setHover((h) => (h?.column === column.key ? null : h))}
              onDrop={(event) => {
                if (!drag || !dragged) return;
                event.preventDefault();
                const minutes = dropMinutes(event);
                setDrag(null);
                setHover(null);
                onMove({
                  booking: dragged,
                  date: column.date,
                  minutes,
                  ...(column.providerId ? { providerId: column.providerId } : {}),
                });
              }}
              style={{
                position: 'relative',
                height,
                borderLeft: '1px solid var(--mantine-color-gray-3)',
                backgroundImage: `repeating-linear-gradient(to bottom, var(--mantine-color-gray-3) 0, var(--mantine-color-gray-3) 1px, transparent 1px, transparent ${ROW_PX * 4}px), repeating-linear-gradient(to bottom, var(--mantine-color-gray-1) 0, var(--mantine-color-gray-1) 1px, transparent 1px, transparent ${ROW_PX}px)`,
              }}
            >
              {showGhost ? (
                <Box
                  aria-hidden
                  style={{
                    position: 'absolute',
                    left: 2,
                    right: 2,
                    top: (hover.minutes - startMinutes) * PX_PER_MINUTE,
                    height: Math.max(ROW_PX, draggedLength * PX_PER_MINUTE),
                    border: '2px dashed var(--mantine-color-blue-6)',
                    borderRadius: 6,
                    background: 'rgba(34, 139, 230, 0.08)',
                    zIndex: 1,
                    pointerEvents: 'none',
                  }}
                >
                  <Text size="xs" fw={700} c="blue.8" px={4}>
                    {toHHMM(hover.minutes)}
                  </Text>
                </Box>
              ) : null}
              {inColumn.map((booking) => {
                const position = layout.get(booking.id) ?? { lane: 0, of: 1 };
                return (
                  <BookingBlock
                    key={booking.id}
                    booking={booking}
                    timeZone={timeZone}
                    startMinutes={startMinutes}
                    lane={position.lane}
                    of={position.of}
                    movable={canMove && booking.status === 'booked' && pendingId !== booking.id}
                    pending={pendingId === booking.id}
                    onOpen={() => onOpen(booking)}
                    onDragStart={(grabMinutes) => setDrag({ id: booking.id, grabMinutes })}
                    onDragEnd={() => {
                      setDrag(null);
                      setHover(null);
                    }}
                  />
                );
              })}
            </Box>
          );
        })}
      </Box>
    </Box>
  );
}

function BookingBlock({
  booking,
  timeZone,
  startMinutes,
  lane,
  of,
  movable,
  pending,
  onOpen,
  onDragStart,
  onDragEnd,
}: {
  booking: CalendarBooking;
  timeZone: string;
  startMinutes: number;
  lane: number;
  of: number;
  movable: boolean;
  pending: boolean;
  onOpen: () => void;
  onDragStart: (grabMinutes: number) => void;
  onDragEnd: () => void;
}) {
  const start = clinicMinutes(booking.startsAt, timeZone);
  const sameDay = clinicDate(booking.endsAt, timeZone) === clinicDate(booking.startsAt, timeZone);
  const end = sameDay ? clinicMinutes(booking.endsAt, timeZone) : 24 * 60;
  const numbing = (Date.parse(booking.procedureStartsAt) - Date.parse(booking.startsAt)) / 60_000;
  const tone = statusTone[booking.status] ?? statusTone.booked!;
  const top = (start - startMinutes) * PX_PER_MINUTE;
  const blockHeight = Math.max(ROW_PX * 2, (end - start) * PX_PER_MINUTE - 2);
  const numbingHeight = Math.min(blockHeight, numbing * PX_PER_MINUTE);
  // The button's name is its visible text followed by what only fits for a screen reader (end, provider, status).
  const rest =
    `, until ${clinicTime(booking.endsAt, timeZone)}, with ${booking.providerName}, ` +
    `${appointmentLabels[booking.status] ?? booking.status}`;
  return (
    <UnstyledButton
      onClick={onOpen}
      draggable={movable}
      onDragStart={(event) => {
        const rect = event.currentTarget.getBoundingClientRect();
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData('text/plain', booking.id);
        onDragStart((event.clientY - rect.top) / PX_PER_MINUTE);
      }}
      onDragEnd={onDragEnd}
      data-testid="booking-block"
      data-booking-id={booking.id}
      data-start={clinicTime(booking.startsAt, timeZone)}
      style={{
        position: 'absolute',
        top,
        height: blockHeight,
        left: `calc(${(lane / of) * 100}% + 2px)`,
        width: `calc(${100 / of}% - 4px)`,
        zIndex: 2,
        overflow: 'hidden',
        borderRadius: 6,
        borderLeft: `4px solid ${tone.border}`,
        background: tone.procedure,
        color: tone.text,
        opacity: pending ? 0.6 : 1,
        cursor: movable ? 'grab' : 'pointer',
        boxShadow: '0 1px 2px rgba(0,0,0,0.08)',
      }}
    >
      {numbingHeight > 0 ? (
        <Box
          aria-hidden
          title="Numbing"
          style={{
            position: 'absolute',
            top: 0,
            left: 0,
            right: 0,
            height: numbingHeight,
            background: `repeating-linear-gradient(135deg, ${tone.numbing} 0, ${tone.numbing} 6px, rgba(255,255,255,0.9) 6px, rgba(255,255,255,0.9) 12px)`,
            borderBottom: `1px dashed ${tone.border}`,
          }}
        />
      ) : null}
      <Box px={6} py={2} style={{ position: 'relative' }}>
        <Text
          size="xs"
          fw={700}
          lh={1.25}
          truncate="end"
          td={booking.status === 'cancelled' ? 'line-through' : undefined}
        >
          {clinicTime(booking.startsAt, timeZone)} {booking.patientName}
        </Text>
        <Text size="xs" lh={1.25} truncate="end">
          {booking.service.name}
          {booking.sessionNumber ? ` · session ${booking.sessionNumber}` : ''}
        </Text>
        <Text size="xs" lh={1.25} truncate="end" c="dimmed">
          {[
            booking.roomName,
            booking.status !== 'booked' ? appointmentLabels[booking.status] : null,
            numbing > 0 ? `numbing ${numbing} min` : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
        <VisuallyHidden>{rest}</VisuallyHidden>
      </Box>
    </UnstyledButton>
  );
}
