import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import type { DismissedDuplicate, PossibleDuplicateList } from '@needlepoint/core/contracts/imports';
import { AnchorLink } from '../../components/router-links';
import { api, messageOf } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useApiMutation, useApiQuery } from '../../lib/query';
import { keys } from '../../lib/query-keys';

/**
 * Possible duplicates an import found for this patient (never merged automatically): open the merge screen on the
 * other record, or say they are different people.
 */
export function PossibleDuplicates({
  patientId,
  editable,
  onMerge,
}: {
  patientId: string;
  editable: boolean;
  onMerge: (other: { id: string; birthDate: string }) => void;
}) {
  const list = useApiQuery(keys.patients.duplicates(patientId), (signal) =>
    api.get<typeof PossibleDuplicateList>('/api/imports/possible-duplicates', { patientId }, signal),
  );
  // A pair concerns two records: both patients' lists are read again.
  const dismissal = useApiMutation({
    mutationFn: (id: string) =>
      api.post<typeof DismissedDuplicate>(`/api/imports/possible-duplicates/${id}/dismiss`),
    invalidates: [keys.patients.all],
  });
  const error = dismissal.error;
  const duplicates = list.data?.duplicates ?? [];
  if (duplicates.length === 0) return null;
  return (
    <Alert color="orange" title="Possible duplicate record" data-testid="possible-duplicates">
      <Stack gap="xs">
        {duplicates.map((d) => {
          const mine = d.patientId === patientId;
          const other = mine
            ? { id: d.otherPatientId, name: d.otherName, birthDate: d.otherBirthDate }
            : { id: d.patientId, name: d.patientName, birthDate: d.patientBirthDate };
          return (
            <Group key={d.id} justify="space-between" wrap="nowrap" align="flex-start">
              <Text size="sm">
                May be the same person as{' '}
                <AnchorLink to="/patients/$patientId" params={{ patientId: other.id }}>
                  {other.name}
                </AnchorLink>{' '}
                (born {formatDate(other.birthDate)}): {d.reason}.
              </Text>
              {editable ? (
                <Group gap="xs" wrap="nowrap">
                  <Button size="xs" onClick={() => onMerge(other)}>
                    Review and merge…
                  </Button>
                  <Button
                    size="xs"
                    variant="default"
                    loading={dismissal.isPending && dismissal.variables === d.id}
                    onClick={() => dismissal.mutate(d.id)}
                  >
                    Not the same person
                  </Button>
                </Group>
              ) : null}
            </Group>
          );
        })}
        {error ? (
          <Text size="sm" c="red">
            {messageOf(error)}
          </Text>
        ) : null}
      </Stack>
    </Alert>
  );
}
