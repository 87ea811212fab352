import { NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { sexes } from '@needlepoint/core/contracts/patients';
import { sexLabels } from '../../lib/format';

export type DemographicField = 'givenName' | 'familyName' | 'birthDate' | 'sex' | 'email' | 'phone';

/**
 * Who the patient is: the same fields, labels and errors when adding a patient and when editing one. `input` is
 * the form's `getInputProps`.
 */
export function DemographicFields({
  input,
}: {
  input: (field: DemographicField) => GetInputPropsReturnType;
}) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <TextInput label="First name" {...input('givenName')} required data-autofocus />
      <TextInput label="Last name" {...input('familyName')} required />
      <TextInput label="Birth date" type="date" {...input('birthDate')} required />
      <NativeSelect
        label="Sex"
        {...input('sex')}
        data={sexes.map((s) => ({ value: s, label: sexLabels[s] ?? s }))}
      />
      <TextInput label="Email" type="email" {...input('email')} />
      <TextInput label="Phone" type="tel" {...input('phone')} />
    </SimpleGrid>
  );
}
