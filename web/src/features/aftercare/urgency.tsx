import { Badge } from '@mantine/core';
import { urgencyLabels } from '@needlepoint/core/aftercare/advice';
import type { Urgency } from '@needlepoint/core/aftercare/triage.schema';

export const urgencyColors: Record<Urgency, string> = {
  emergency: 'red',
  'same-day': 'orange',
  soon: 'yellow',
  routine: 'blue',
  expected: 'green',
};

/** The urgency as a badge; `label` gives the words in the reader's language (staff screens use English). */
export function UrgencyBadge({
  urgency,
  size = 'md',
  label,
}: {
  urgency: Urgency;
  size?: 'sm' | 'md' | 'lg';
  label?: string;
}) {
  return (
    <Badge
      color={urgencyColors[urgency]}
      variant={urgency === 'emergency' || urgency === 'same-day' ? 'filled' : 'light'}
      size={size}
      data-testid="urgency-badge"
    >
      {label ?? urgencyLabels[urgency]}
    </Badge>
  );
}
