import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  FileButton,
  Group,
  Image,
  Modal,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { PatientPhoto, PhotoGuide } from '@needlepoint/core/contracts/photos';
import { maxPhotoBytes, type PhotoTiming } from '@needlepoint/core/contracts/photos';
import type { BookingDto } from '@needlepoint/core/contracts/scheduling';
import type { Area } from '@needlepoint/core/knowledge/knowledge.schema';
import type { PhotoUse } from '@needlepoint/core/photos/consent-scope';
import { viewsByArea, type PhotoView } from '@needlepoint/core/photos/views';
import { ApiError, api } from '../../lib/api';
import { useApiMutation, useApiQuery } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { CameraCapture } from './camera-capture';
import { photoUrl } from './photo-api';
import { areaOptions, photoRefusal, sessionLabel, viewOptionsFor } from './photo-labels';
import { PhotoRefusalAlert } from './photo-refusal-alert';

type Step = { type: 'choose' } | { type: 'camera' } | { type: 'preview'; photo: Blob; url: string };

/**
 * Take a standardized photo: the area and view, the session it belongs to (before or after it) if any, and the uses
 * beyond the clinical record; then the camera with the guide of that view, or a file.
 */
export function TakePhotoModal({
  patientId,
  sessions,
  onClose,
  onSaved,
}: {
  patientId: string;
  sessions: BookingDto[];
  onClose: () => void;
  onSaved: (photo: PatientPhoto) => void;
}) {
  const phone = useMediaQuery('(max-width: 47.99em)');
  const [area, setArea] = useState<Area>('face');
  const [view, setView] = useState<PhotoView>('face-front');
  const [sessionId, setSessionId] = useState<string | null>(null);
  const [timing, setTiming] = useState<PhotoTiming>('before');
  const [uses, setUses] = useState<PhotoUse[]>([]);
  const [step, setStep] = useState<Step>({ type: 'choose' });
  // A file too big to send is refused here, before the upload; the server's refusals come from the mutation.
  const [tooBig, setTooBig] = useState<ApiError | null>(null);
  const upload = useApiMutation({
    mutationFn: (photo: Blob) =>
      api.upload<typeof PatientPhoto>(`/api/patients/${patientId}/clinical-photos`, photo, {
        area,
        view,
        appointmentId: sessionId,
        timing: sessionId ? timing : null,
        scopes: uses.length ? uses.join(',') : null,
      }),
    onSuccess: onSaved,
  });
  const busy = upload.isPending;
  const error = tooBig ?? upload.error;
  const clearError = () => {
    setTooBig(null);
    upload.reset();
  };
  const guide = useApiQuery(keys.photos.guide(patientId, view), (signal) =>
    api.get<typeof PhotoGuide>(`/api/patients/${patientId}/photo-guide`, { view }, signal),
  );
  const referenceUrl = guide.data?.referencePhotoId ? photoUrl(patientId, guide.data.referencePhotoId) : null;
  const sessionOptions = useMemo(
    () => sessions.map((s) => ({ value: s.id, label: sessionLabel(s) })),
    [sessions],
  );
  useEffect(() => () => (step.type === 'preview' ? URL.revokeObjectURL(step.url) : undefined), [step]);

  function chooseArea(next: Area) {
    setArea(next);
    if (!viewsByArea[next].includes(view)) setView(viewsByArea[next][0]!);
  }

  function save(photo: Blob) {
    clearError();
    if (photo.size > maxPhotoBytes) {
      setTooBig(new ApiError({ code: 'REQUEST_TOO_LARGE', status: 413, message: 'The file is too big' }));
      return;
    }
    upload.mutate(photo);
  }

  const refusal = error ? photoRefusal(error) : null;
  return (
    <Modal
      opened
      onClose={onClose}
      title="Take a guided photo"
      size="xl"
      fullScreen={Boolean(phone)}
      closeOnClickOutside={false}
    >
      <Stack gap="md">
        {step.type === 'choose' ? (
          <>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <Select
                label="Area"
                data={areaOptions}
                value={area}
                onChange={(v) => v && chooseArea(v)}
                allowDeselect={false}
              />
              <Select
                label="View"
                data={viewOptionsFor(area)}
                value={view}
                onChange={(v) => v && setView(v)}
                allowDeselect={false}
              />
              <Select
                label="Session"
                placeholder={sessions.length ? 'No session' : 'No recent sessions'}
                data={sessionOptions}
                value={sessionId}
                onChange={setSessionId}
                clearable
                disabled={sessions.length === 0}
              />
              {sessionId ? (
                <Stack gap={4}>
                  <Text size="sm" fw={500}>
                    Taken
                  </Text>
                  <SegmentedControl
                    data={[
                      { value: 'before', label: 'Before the session' },
                      { value: 'after', label: 'After the session' },
                    ]}
                    value={timing}
                    onChange={(v) => setTiming(v)}
                    aria-label="Before or after the session"
                  />
                </Stack>
              ) : null}
            </SimpleGrid>
            <Checkbox.Group
              label="Also for"
              description="Every photo is part of the clinical record. Other uses need the patient’s consent."
              value={uses}
              onChange={(v) => setUses(v)}
            >
              <Group mt={6}>
                <Checkbox value="teaching" label="Teaching" />
                <Checkbox value="marketing" label="Marketing" />
              </Group>
            </Checkbox.Group>
            {guide.data ? (
              <Alert variant="light" color="blue" title={guide.data.label} data-testid="guide-instructions">
                <Text size="sm">{guide.data.instructions}</Text>
                <Text size="xs" c="dimmed" mt={4}>
                  {referenceUrl
                    ? 'The first photo of this view is shown faded over the camera: line the patient up with it.'
                    : 'No photo of this view yet: this one becomes the guide for the next ones.'}
                </Text>
              </Alert>
            ) : null}
            <Group justify="flex-end" gap="xs">
              <FileButton onChange={(f) => f && save(f)} accept="image/jpeg,image/png,image/webp">
                {(props) => (
                  <Button {...props} variant="default" loading={busy}>
                    Upload a file
                  </Button>
                )}
              </FileButton>
              <Button
                onClick={() => {
                  clearError();
                  setStep({ type: 'camera' });
                }}
                disabled={busy}
              >
                Open the camera
              </Button>
            </Group>
          </>
        ) : step.type === 'camera' ? (
          <CameraCapture
            guide={guide.data ?? null}
            referenceUrl={referenceUrl}
            busy={busy}
            onCancel={() => setStep({ type: 'choose' })}
            onCapture={(photo) => {
              clearError();
              setStep({ type: 'preview', photo, url: URL.createObjectURL(photo) });
            }}
          />
        ) : (
          <>
            <Image src={step.url} alt="The photo just taken" mah="60dvh" fit="contain" />
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={() => setStep({ type: 'camera' })} disabled={busy}>
                Retake
              </Button>
              <Button onClick={() => save(step.photo)} loading={busy}>
                Save photo
              </Button>
            </Group>
          </>
        )}
        {refusal ? <PhotoRefusalAlert refusal={refusal} testId="photo-refusal" /> : null}
      </Stack>
    </Modal>
  );
}
