import type { ClinicalEntry } from '@needlepoint/core/contracts/patients';

type Kind = ClinicalEntry['kind'];

export const kindTitles: Record<Kind, string> = {
  condition: 'Conditions',
  medication: 'Medications',
  allergy: 'Allergies',
  procedure: 'Previous treatments',
  observation: 'Observations',
};

export const kindSingular: Record<Kind, string> = {
  condition: 'condition',
  medication: 'medication',
  allergy: 'allergy',
  procedure: 'previous treatment',
  observation: 'observation',
};

/** The statuses offered per kind, in clinic words; the stored value is the FHIR status code. */
export const statusOptions: Record<Kind, { value: string; label: string }[]> = {
  condition: [
    { value: 'active', label: 'Active' },
    { value: 'recurrence', label: 'Came back' },
    { value: 'remission', label: 'In remission' },
    { value: 'inactive', label: 'Inactive' },
    { value: 'resolved', label: 'Resolved' },
  ],
  medication: [
    { value: 'active', label: 'Taking now' },
    { value: 'on-hold', label: 'Paused' },
    { value: 'intended', label: 'About to start' },
    { value: 'stopped', label: 'Stopped' },
    { value: 'completed', label: 'Course finished' },
    { value: 'not-taken', label: 'Not taken' },
  ],
  allergy: [
    { value: 'active', label: 'Active' },
    { value: 'inactive', label: 'Inactive' },
    { value: 'resolved', label: 'Resolved' },
  ],
  procedure: [
    { value: 'completed', label: 'Done' },
    { value: 'in-progress', label: 'In progress' },
    { value: 'stopped', label: 'Stopped part-way' },
    { value: 'not-done', label: 'Not done' },
  ],
  observation: [
    { value: 'final', label: 'Final' },
    { value: 'preliminary', label: 'Preliminary' },
    { value: 'amended', label: 'Amended' },
  ],
};

export function statusLabel(kind: Kind, status: string): string {
  if (status === 'entered-in-error') return 'Removed (entered in error)';
  return statusOptions[kind].find((o) => o.value === status)?.label ?? status;
}

export const fitzpatrickOptions = [
  { value: '1', label: 'Type I: always burns, never tans' },
  { value: '2', label: 'Type II: usually burns, tans minimally' },
  { value: '3', label: 'Type III: sometimes burns, tans gradually' },
  { value: '4', label: 'Type IV: burns minimally, tans well' },
  { value: '5', label: 'Type V: rarely burns, tans darkly' },
  { value: '6', label: 'Type VI: never burns, deeply pigmented' },
];

export const fieldLabels: Record<string, string> = {
  givenName: 'First name',
  familyName: 'Last name',
  birthDate: 'Birth date',
  sex: 'Sex',
  email: 'Email',
  phone: 'Phone',
  address: 'Address',
  fitzpatrick: 'Skin type (Fitzpatrick)',
  concerns: 'Concerns',
  notes: 'Notes',
  answers: 'Health questions',
  listsReviewed: 'Lists confirmed complete',
  archived: 'Archived',
  mergedInto: 'Merged into',
  mergedFrom: 'Merged from',
};

export const listLabels: Record<string, string> = {
  conditions: 'Conditions',
  medications: 'Medications',
  allergies: 'Allergies',
};

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
