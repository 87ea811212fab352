import type { Screening } from '@needlepoint/core/contracts/screening';
import { verdictLabels } from '@needlepoint/core/screening/verdict';
import type { IconName } from './icons';

type Verdict = Screening['verdict'];

/** Each verdict in plain words, with a colour and an icon (never the colour alone). */
export const verdictInfo: Record<Verdict, { label: string; color: string; icon: IconName; hint: string }> = {
  proceed: {
    label: verdictLabels['proceed'],
    color: 'green',
    icon: 'check',
    hint: 'Nothing on record stands in the way of treatment.',
  },
  'proceed-with-precautions': {
    label: verdictLabels['proceed-with-precautions'],
    color: 'teal',
    icon: 'check-alert',
    hint: 'Treatment can go ahead; follow the precautions below.',
  },
  'needs-review': {
    label: verdictLabels['needs-review'],
    color: 'yellow',
    icon: 'search',
    hint: 'A provider must look at the findings below and decide before treatment.',
  },
  'needs-clearance': {
    label: verdictLabels['needs-clearance'],
    color: 'orange',
    icon: 'key',
    hint: 'The prescriber or specialist must agree before treatment.',
  },
  defer: {
    label: verdictLabels['defer'],
    color: 'grape',
    icon: 'pause',
    hint: 'Do not treat yet: wait until the date given, then screen again.',
  },
  'do-not-treat': {
    label: verdictLabels['do-not-treat'],
    color: 'red',
    icon: 'stop',
    hint: 'A contraindication: microneedling must not be done.',
  },
};

export const severityInfo: Record<string, { label: string; color: string; icon: IconName }> = {
  precaution: { label: 'Precaution', color: 'teal', icon: 'check-alert' },
  review: { label: 'Review', color: 'yellow', icon: 'search' },
  clearance: { label: 'Clearance needed', color: 'orange', icon: 'key' },
  defer: { label: 'Defer', color: 'grape', icon: 'pause' },
  contraindicated: { label: 'Contraindication', color: 'red', icon: 'stop' },
};

export function severityOf(severity: string) {
  return severityInfo[severity] ?? { label: severity, color: 'gray', icon: 'question' as const };
}

export const areaLabels: Record<string, string> = {
  face: 'Face',
  perioral: 'Around the mouth',
  periorbital: 'Around the eyes',
  neck: 'Neck',
  chest: 'Chest',
  scalp: 'Scalp',
  hands: 'Hands',
  body: 'Body',
};

export const modalityLabels: Record<string, string> = {
  mechanical: 'Mechanical microneedling',
  rf: 'Radiofrequency (RF) microneedling',
};

export const triggerLabels: Record<Screening['trigger'], string> = {
  manual: 'Run by hand',
  intake: 'After an intake form',
  booking: 'At booking',
  'pre-session': 'Before a session',
};

export const decisionLabels: Record<string, string> = {
  'accept-risk': 'Risk accepted',
  'request-clearance': 'Clearance requested',
  'clearance-received': 'Clearance received',
  defer: 'Deferred',
};

export const evidenceLevelLabels: Record<string, string> = {
  guideline: 'Guideline',
  'systematic-review': 'Systematic review',
  rct: 'Randomised trial',
  series: 'Case series',
  expert: 'Expert opinion',
  'clinic-page': 'Clinic web page',
};

export const evidenceSourceLabels: Record<string, string> = {
  condition: 'Condition',
  medication: 'Medication',
  allergy: 'Allergy',
  procedure: 'Previous treatment',
  observation: 'Observation',
  answer: 'Intake answer',
  list: 'List',
};

export function areasText(areas: readonly string[]): string {
  return areas.map((a) => areaLabels[a] ?? a).join(', ');
}
