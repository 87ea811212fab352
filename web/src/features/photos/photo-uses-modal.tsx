import { useState } from 'react';
import { Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import type { PatientPhoto } from '@needlepoint/core/contracts/photos';
import type { PhotoUse } from '@needlepoint/core/photos/consent-scope';
import { api } from '../../lib/api';
import { useApiMutation } from '../../lib/query';
import { photoRefusal, useLabels } from './photo-labels';
import { PhotoRefusalAlert } from './photo-refusal-alert';

/**
 * The uses one photo may serve beyond the clinical record (teaching, marketing). The server allows a use only while
 * the patient holds the matching consent, and hides the photo from that use at once when it is revoked.
 */
export function PhotoUsesModal({
  patientId,
  photo,
  title,
  onClose,
  onSaved,
}: {
  patientId: string;
  photo: PatientPhoto;
  title: string;
  onClose: () => void;
  onSaved: (photo: PatientPhoto) => void;
}) {
  const [uses, setUses] = useState<PhotoUse[]>(photo.scopes.filter((s) => s !== 'clinical-record'));
  const save = useApiMutation({
    mutationFn: () =>
      api.put<typeof PatientPhoto>(`/api/patients/${patientId}/photos/${photo.id}/scopes`, {
        scopes: ['clinical-record', ...uses],
      }),
    onSuccess: onSaved,
  });
  const busy = save.isPending;
  const error = save.error;

  const refusal = error ? photoRefusal(error) : null;
  return (
    <Modal opened onClose={onClose} title={`Uses of this photo: ${title}`}>
      <Stack gap="md">
        <Stack gap="xs">
          <div>
            <Text size="sm" fw={500}>
              This photo may be used for
            </Text>
            <Text size="xs" c="dimmed">
              Each use needs the patient’s matching photo consent.
            </Text>
          </div>
          <Checkbox label={useLabels['clinical-record']} checked disabled readOnly />
          <Checkbox.Group value={uses} onChange={(v) => setUses(v)}>
            <Stack gap="xs">
              <Checkbox value="teaching" label={useLabels.teaching} />
              <Checkbox value="marketing" label={useLabels.marketing} />
            </Stack>
          </Checkbox.Group>
        </Stack>
        {refusal ? <PhotoRefusalAlert refusal={refusal} testId="uses-refusal" /> : null}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button onClick={() => save.mutate()} loading={busy}>
            Save uses
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
