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

export function UrgencyBadge({ urgency, size = 'md' }: { urgency: Urgency; size?: 'sm' | 'md' | 'lg' }) {
  return (
    <Badge
      color={urgencyColors[urgency]}
      variant={urgency === 'emergency' || urgency === 'same-day' ? 'filled' : 'light'}
      size={size}
      data-testid="urgency-badge"
    >
      {urgencyLabels[urgency]}
    </Badge>
  );
}
