import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import type { Gs1Label } from '@needlepoint/core/treatment/gs1';
import { readBoxLabel } from './box-label';

type Status =
  { kind: 'starting' } | { kind: 'scanning' } | { kind: 'blocked'; title: string; message: string };

const typeInstead = 'Close this and type the code or the fields instead.';

/** Why the camera did not open, in words; typing always still works. */
function cameraProblem(error: unknown): Status {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError')
    return {
      kind: 'blocked',
      title: 'Camera access was refused',
      message: `Allow this site to use the camera in the browser's settings to scan. ${typeInstead}`,
    };
  if (name === 'NotFoundError' || name === 'OverconstrainedError')
    return {
      kind: 'blocked',
      title: 'No camera found',
      message: `This device has no camera. ${typeInstead}`,
    };
  if (name === 'NotReadableError' || name === 'AbortError')
    return {
      kind: 'blocked',
      title: 'The camera is busy',
      message: `Another app is using the camera. ${typeInstead}`,
    };
  return { kind: 'blocked', title: 'The camera could not start', message: typeInstead };
}

/**
 * The rear camera in a dialog, reading GS1 DataMatrix codes until one carries a box label. The reader is loaded
 * only now (a separate download), the camera is released when the dialog closes.
 */
function BoxScanner({ onLabel }: { onLabel: (label: Gs1Label) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [status, setStatus] = useState<Status>({ kind: 'starting' });
  const [problem, setProblem] = useState<string | null>(null);
  const onLabelRef = useRef(onLabel);
  onLabelRef.current = onLabel;

  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    void (async () => {
      if (!navigator.mediaDevices?.getUserMedia) {
        setStatus({
          kind: 'blocked',
          title: 'No camera available',
          message: `This browser cannot use a camera here (it needs a secure https address). ${typeInstead}`,
        });
        return;
      }
      const loading = import('./datamatrix-decoder').then((m) => m.createDataMatrixReader());
      loading.catch(() => undefined);
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
          audio: false,
        });
      } catch (error) {
        if (!stopped) setStatus(cameraProblem(error));
        return;
      }
      const element = video.current;
      if (stopped || !element) return;
      element.srcObject = stream;
      await element.play().catch(() => undefined);
      let reader: Awaited<typeof loading>;
      try {
        reader = await loading;
      } catch {
        if (!stopped)
          setStatus({ kind: 'blocked', title: 'The code reader could not start', message: typeInstead });
        return;
      }
      if (stopped) return;
      setStatus({ kind: 'scanning' });
      const tick = async () => {
        if (stopped) return;
        const text = await reader.read(element).catch(() => null);
        if (stopped) return;
        if (text) {
          const read = readBoxLabel(text);
          if ('label' in read) return onLabelRef.current(read.label);
          setProblem(read.problem);
        }
        timer = setTimeout(() => void tick(), 150);
      };
      void tick();
    })();
    return () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);

  if (status.kind === 'blocked')
    return (
      <Alert color="orange" title={status.title} role="alert" data-testid="scan-problem">
        {status.message}
      </Alert>
    );
  return (
    <Stack gap="xs">
      <video
        ref={video}
        muted
        playsInline
        aria-label="Camera"
        style={{ width: '100%', maxHeight: '60vh', background: '#000', borderRadius: 4 }}
      />
      {status.kind === 'starting' ? (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm">Opening the camera…</Text>
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          Hold the DataMatrix on the box inside the picture, about a hand's width away.
        </Text>
      )}
      {problem ? (
        <Alert color="red" role="alert" data-testid="scan-problem">
          {problem}
        </Alert>
      ) : null}
    </Stack>
  );
}

/** "Scan box": fills the caller's fields from the GS1 DataMatrix on a cartridge or roller box. */
export function ScanBoxButton({
  onLabel,
  disabled = false,
}: {
  onLabel: (label: Gs1Label) => void;
  disabled?: boolean;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="light" onClick={() => setOpen(true)} disabled={disabled}>
        Scan box
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title="Scan the code on the box" size="lg">
        {open ? (
          <Stack gap="sm">
            <BoxScanner
              onLabel={(label) => {
                setOpen(false);
                onLabel(label);
              }}
            />
            <Group justify="end">
              <Button variant="default" onClick={() => setOpen(false)}>
                Type it instead
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>
    </>
  );
}
