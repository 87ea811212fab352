import { useEffect, useRef, useState } from 'react';
import { Alert, Box, Button, Group, Slider, Text } from '@mantine/core';
import type { PhotoGuide } from '@needlepoint/core/contracts/photos';
import { GuideFrame } from './guide-frame';

type CameraState =
  | { status: 'starting' }
  | { status: 'live'; width: number; height: number }
  | { status: 'failed'; message: string };

function cameraProblem(error: unknown): string {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError')
    return 'Camera access was refused. Allow the camera for this site in the browser settings, or upload a file instead.';
  if (name === 'NotFoundError' || name === 'OverconstrainedError')
    return 'No camera was found on this device. Upload a file instead.';
  if (name === 'NotReadableError')
    return 'The camera is in use by another app. Close it and try again, or upload a file instead.';
  return 'The camera could not be started. Upload a file instead.';
}

/**
 * The live camera (the rear one when the device has it) with the guide over it: the first photo of the view,
 * faded, so the new photo matches it; or the framing shape when there is no photo of the view yet. Captures one
 * frame as a JPEG.
 */
export function CameraCapture({
  guide,
  referenceUrl,
  busy,
  onCapture,
  onCancel,
}: {
  guide: PhotoGuide | null;
  referenceUrl: string | null;
  busy: boolean;
  onCapture: (photo: Blob) => void;
  onCancel: () => void;
}) {
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<CameraState>({ status: 'starting' });
  const [opacity, setOpacity] = useState(0.4);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let stopped = false;
    if (!navigator.mediaDevices?.getUserMedia) {
      setState({
        status: 'failed',
        message:
          'This browser cannot use the camera here (it needs a secure https address). Upload a file instead.',
      });
      return;
    }
    navigator.mediaDevices
      .getUserMedia({
        audio: false,
        video: { facingMode: { ideal: 'environment' }, width: { ideal: 1920 }, height: { ideal: 1440 } },
      })
      .then(async (s) => {
        if (stopped) return s.getTracks().forEach((t) => t.stop());
        stream = s;
        const el = video.current;
        if (!el) return;
        el.srcObject = s;
        await el.play().catch(() => undefined);
        const ready = () => setState({ status: 'live', width: el.videoWidth, height: el.videoHeight });
        if (el.videoWidth) ready();
        else el.addEventListener('loadedmetadata', ready, { once: true });
      })
      .catch((error: unknown) => {
        if (!stopped) setState({ status: 'failed', message: cameraProblem(error) });
      });
    return () => {
      stopped = true;
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, []);

  function capture() {
    const el = video.current;
    if (!el || state.status !== 'live') return;
    const canvas = document.createElement('canvas');
    canvas.width = el.videoWidth;
    canvas.height = el.videoHeight;
    canvas.getContext('2d')?.drawImage(el, 0, 0, canvas.width, canvas.height);
    canvas.toBlob((blob) => blob && onCapture(blob), 'image/jpeg', 0.92);
  }

  if (state.status === 'failed')
    return (
      <Alert color="orange" role="alert" title="No camera">
        <Text size="sm">{state.message}</Text>
        <Button variant="default" size="xs" mt="sm" onClick={onCancel}>
          Back
        </Button>
      </Alert>
    );

  const ratio = state.status === 'live' && state.height ? `${state.width} / ${state.height}` : '4 / 3';
  return (
    <Box>
      {guide ? (
        <Text size="sm" mb="xs">
          <Text span fw={600}>
            {guide.label}:
          </Text>{' '}
          {guide.instructions}
        </Text>
      ) : null}
      <Box
        pos="relative"
        bg="dark.9"
        style={{
          aspectRatio: ratio,
          width: `min(100%, calc(60dvh * ${ratio}))`,
          marginInline: 'auto',
          overflow: 'hidden',
        }}
        data-testid="camera-view"
      >
        <video
          ref={video}
          playsInline
          muted
          aria-label="Camera"
          style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', objectFit: 'contain' }}
        />
        {referenceUrl ? (
          <img
            src={referenceUrl}
            alt="Guide: the first photo of this view"
            data-testid="guide-overlay"
            data-guide="first-photo"
            style={{
              position: 'absolute',
              inset: 0,
              width: '100%',
              height: '100%',
              objectFit: 'contain',
              opacity,
              pointerEvents: 'none',
            }}
          />
        ) : guide ? (
          <GuideFrame frame={guide.frame} />
        ) : null}
      </Box>
      <Group justify="space-between" mt="sm" gap="xs">
        {referenceUrl ? (
          <Group gap="xs" wrap="nowrap">
            <Text size="sm">Guide</Text>
            <Slider
              w={140}
              min={0}
              max={0.8}
              step={0.05}
              value={opacity}
              onChange={setOpacity}
              label={null}
              thumbLabel="Guide strength"
            />
          </Group>
        ) : (
          <Text size="xs" c="dimmed">
            First photo of this view: it becomes the guide for the next ones.
          </Text>
        )}
        <Group gap="xs">
          <Button variant="default" size="md" onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
          <Button size="md" onClick={capture} loading={busy} disabled={state.status !== 'live'}>
            Capture
          </Button>
        </Group>
      </Group>
    </Box>
  );
}
