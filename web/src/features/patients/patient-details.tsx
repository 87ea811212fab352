import { SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { PatientRecord } from '@needlepoint/core/contracts/patients';
import { ageOn, formatDate, sexLabels } from '../../lib/format';
import { todayIso } from '../../lib/clinic-time';

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" component="dt">
        {label}
      </Text>
      <Text size="sm" component="dd" m={0} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

/** The words of the details, for the portal in the patient's language (English by default). */
export interface PatientDetailLabels {
  birthDate: string;
  age: (age: number) => string;
  sex: string;
  sexes: Record<string, string>;
  phone: string;
  email: string;
  address: string;
}

const englishLabels: PatientDetailLabels = {
  birthDate: 'Birth date',
  age: (age) => ` (age ${age})`,
  sex: 'Sex',
  sexes: sexLabels,
  phone: 'Phone',
  email: 'Email',
  address: 'Address',
};

/**
 * Who the patient is and how to reach them. `clinical` adds skin type, concerns and the language the patient
 * chose in the portal (staff view).
 */
export function PatientDetails({
  patient,
  clinical = false,
  labels = englishLabels,
}: {
  patient: PatientRecord;
  clinical?: boolean;
  labels?: PatientDetailLabels;
}) {
  const age = ageOn(patient.birthDate, todayIso());
  return (
    <SimpleGrid component="dl" cols={{ base: 1, xs: 2, md: 3 }} spacing="md" verticalSpacing="sm" m={0}>
      <Detail label={labels.birthDate}>
        {formatDate(patient.birthDate)}
        {age !== null ? labels.age(age) : ''}
      </Detail>
      <Detail label={labels.sex}>{labels.sexes[patient.sex] ?? patient.sex}</Detail>
      <Detail label={labels.phone}>{patient.phone || '—'}</Detail>
      <Detail label={labels.email}>{patient.email || '—'}</Detail>
      <Detail label={labels.address}>{patient.address || '—'}</Detail>
      {clinical ? (
        <>
          <Detail label="Language">
            <span data-testid="patient-language">{languageLabels[patient.preferredLanguage]}</span>
          </Detail>
          <Detail label="Skin type (Fitzpatrick)">
            {patient.fitzpatrick ? `Type ${romanNumeral(patient.fitzpatrick)}` : 'Not recorded'}
          </Detail>
          <Detail label="Concerns">
            {patient.concerns.length > 0 ? patient.concerns.map(concernLabel).join(', ') : 'None recorded'}
          </Detail>
        </>
      ) : null}
    </SimpleGrid>
  );
}

/** The patient's language as staff read it (the portal and every message to the patient are in it). */
const languageLabels: Record<PatientRecord['preferredLanguage'], string> = {
  en: 'English',
  es: 'Spanish (Español)',
};

function romanNumeral(n: number): string {
  return ['I', 'II', 'III', 'IV', 'V', 'VI'][n - 1] ?? String(n);
}

const concernLabels: Record<string, string> = {
  'acne-scars': 'Acne scars',
  'surgical-scars': 'Surgical scars',
  'burn-scars': 'Burn scars',
  striae: 'Stretch marks',
  'fine-lines': 'Fine lines',
  pores: 'Enlarged pores',
  'dark-spots': 'Dark spots',
  pih: 'Post-inflammatory hyperpigmentation',
  melasma: 'Melasma',
  rosacea: 'Rosacea',
  vitiligo: 'Vitiligo',
  'hair-loss': 'Hair loss',
};

export function concernLabel(concern: string): string {
  return concernLabels[concern] ?? concern;
}
