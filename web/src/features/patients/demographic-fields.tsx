import { NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { sexes } from '@needlepoint/core/contracts/patients';
import { sexLabels } from '../../lib/format';

export type DemographicField = 'givenName' | 'familyName' | 'birthDate' | 'sex' | 'email' | 'phone';
type Handler = (e: { currentTarget: { value: string } }) => void;

/** Who the patient is: the same fields, labels and errors when adding a patient and when editing one. */
export function DemographicFields({
  values,
  errors,
  set,
}: {
  values: Record<DemographicField, string>;
  errors: Partial<Record<DemographicField, string>>;
  set: (field: DemographicField) => Handler;
}) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <TextInput
        label="First name"
        value={values.givenName}
        onChange={set('givenName')}
        error={errors.givenName}
        required
        data-autofocus
      />
      <TextInput
        label="Last name"
        value={values.familyName}
        onChange={set('familyName')}
        error={errors.familyName}
        required
      />
      <TextInput
        label="Birth date"
        type="date"
        value={values.birthDate}
        onChange={set('birthDate')}
        error={errors.birthDate}
        required
      />
      <NativeSelect
        label="Sex"
        value={values.sex}
        onChange={set('sex')}
        error={errors.sex}
        data={sexes.map((s) => ({ value: s, label: sexLabels[s] ?? s }))}
      />
      <TextInput
        label="Email"
        type="email"
        value={values.email}
        onChange={set('email')}
        error={errors.email}
      />
      <TextInput label="Phone" type="tel" value={values.phone} onChange={set('phone')} error={errors.phone} />
    </SimpleGrid>
  );
}
