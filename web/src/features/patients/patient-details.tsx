import { SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { PatientRecord } from '@needlepoint/core/contracts/patients';
import { ageOn, formatDate, sexLabels, todayIso } from '../../lib/format';

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

/** Who the patient is and how to reach them. `clinical` adds skin type and concerns (staff view). */
export function PatientDetails({
  patient,
  clinical = false,
}: {
  patient: PatientRecord;
  clinical?: boolean;
}) {
  const age = ageOn(patient.birthDate, todayIso());
  return (
    <SimpleGrid component="dl" cols={{ base: 1, xs: 2, md: 3 }} spacing="md" verticalSpacing="sm" m={0}>
      <Detail label="Birth date">
        {formatDate(patient.birthDate)}
        {age !== null ? ` (age ${age})` : ''}
      </Detail>
      <Detail label="Sex">{sexLabels[patient.sex] ?? patient.sex}</Detail>
      <Detail label="Phone">{patient.phone || '—'}</Detail>
      <Detail label="Email">{patient.email || '—'}</Detail>
      <Detail label="Address">{patient.address || '—'}</Detail>
      {clinical ? (
        <>
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
