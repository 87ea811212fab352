import type { Timepoint } from '@needlepoint/core/contracts/outcomes';
import type { ReportDimension } from '@needlepoint/core/outcomes/report';

export const timepointLabels: Record<Timepoint, string> = {
  baseline: 'Baseline',
  session: 'Session',
  'follow-up': 'Follow-up',
};

export function timepointText(timepoint: Timepoint, sessionNumber: number | null): string {
  return timepoint === 'session' ? `Session ${sessionNumber}` : timepointLabels[timepoint];
}

export const dimensionLabels: Record<ReportDimension, string> = {
  indication: 'Indication',
  fitzpatrick: 'Fitzpatrick type',
  adjunct: 'Adjunct',
  provider: 'Provider',
};
