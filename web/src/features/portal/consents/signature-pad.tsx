import { useCallback, useEffect, useId, useImperativeHandle, useRef, type Ref } from 'react';
import { Box, Button, Group, Text } from '@mantine/core';

export interface SignaturePadHandle {
  /** The drawing as `data:image/png;base64,…`, or null when nothing has been drawn. */
  toDataUrl(): string | null;
  clear(): void;
  /** For anyone who cannot draw: writes `text` on the pad in a handwriting-style font. */
  writeText(text: string): void;
}

const height = 180;

/**
 * Draw a signature with a finger, a pen or the mouse (pointer events cover all three). The canvas keeps
 * its drawing in device pixels, and the exported PNG is small: a white background and dark strokes.
 */
export function SignaturePad({
  label,
  clearLabel = 'Clear',
  hint = 'Sign with your finger, or hold the mouse button down and draw.',
  error,
  onChange,
  ref,
}: {
  label: string;
  clearLabel?: string;
  hint?: string;
  error?: string | undefined;
  onChange?: (hasDrawing: boolean) => void;
  ref?: Ref<SignaturePadHandle>;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const hasInk = useRef(false);
  const last = useRef<{ x: number; y: number } | null>(null);
  const id = useId();
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  const context = () => canvasRef.current?.getContext('2d') ?? null;

  const reset = useCallback(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ratio = Math.min(window.devicePixelRatio || 1, 2);
    const width = canvas.clientWidth;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.strokeStyle = '#111827';
    ctx.lineWidth = 2.5;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    hasInk.current = false;
    onChangeRef.current?.(false);
  }, []);

  useEffect(() => {
    reset();
    // A width change (phone rotated) resizes the pad without stretching the drawing.
    let width = canvasRef.current?.clientWidth ?? 0;
    const observer = new ResizeObserver(() => {
      const next = canvasRef.current?.clientWidth ?? 0;
      if (next === width || !canvasRef.current) return;
      width = next;
      // Keep what was drawn: copy it, start a pad of the new size, draw the copy back at its old size.
      const old = canvasRef.current;
      const copy = document.createElement('canvas');
      copy.width = old.width;
      copy.height = old.height;
      const inked = hasInk.current;
      copy.getContext('2d')?.drawImage(old, 0, 0);
      reset();
      if (inked) {
        const ratio = old.height / height;
        context()?.drawImage(copy, 0, 0, copy.width / ratio, height);
        hasInk.current = true;
        onChangeRef.current?.(true);
      }
    });
    if (canvasRef.current) observer.observe(canvasRef.current);
    return () => observer.disconnect();
  }, [reset]);

  useImperativeHandle(
    ref,
    () => ({
      toDataUrl: () =>
        hasInk.current && canvasRef.current ? canvasRef.current.toDataURL('image/png') : null,
      clear: reset,
      writeText: (text: string) => {
        reset();
        const ctx = context();
        const canvas = canvasRef.current;
        if (!ctx || !canvas || !text.trim()) return;
        const width = canvas.clientWidth;
        let size = 44;
        ctx.font = `italic ${size}px "Segoe Script", "Brush Script MT", cursive`;
        while (size > 16 && ctx.measureText(text).width > width - 32) {
          size -= 2;
          ctx.font = `italic ${size}px "Segoe Script", "Brush Script MT", cursive`;
        }
        ctx.fillStyle = '#111827';
        ctx.textBaseline = 'middle';
        ctx.fillText(text.trim(), 16, height / 2);
        hasInk.current = true;
        onChangeRef.current?.(true);
      },
    }),
    [reset],
  );

  const point = (event: React.PointerEvent<HTMLCanvasElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };

  function start(event: React.PointerEvent<HTMLCanvasElement>) {
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    drawing.current = true;
    last.current = point(event);
    const ctx = context();
    if (ctx) {
      ctx.beginPath();
      ctx.arc(last.current.x, last.current.y, 1.2, 0, Math.PI * 2);
      ctx.fillStyle = '#111827';
      ctx.fill();
    }
  }

  function move(event: React.PointerEvent<HTMLCanvasElement>) {
    if (!drawing.current || !last.current) return;
    event.preventDefault();
    const ctx = context();
    if (!ctx) return;
    const p = point(event);
    ctx.beginPath();
    ctx.moveTo(last.current.x, last.current.y);
    ctx.lineTo(p.x, p.y);
    ctx.stroke();
    last.current = p;
    if (!hasInk.current) {
      hasInk.current = true;
      onChangeRef.current?.(true);
    }
  }

  function end() {
    drawing.current = false;
    last.current = null;
  }

  return (
    <div>
      <Group justify="space-between" align="flex-end" mb={4}>
        <Text fw={600} id={`${id}-label`}>
          {label}
        </Text>
        <Button variant="default" size="sm" onClick={reset}>
          {clearLabel}
        </Button>
      </Group>
      <Text size="sm" c="dimmed" id={`${id}-hint`}>
        {hint}
      </Text>
      <Box
        mt={6}
        style={{
          border: `2px ${error ? 'solid var(--mantine-color-red-7)' : 'dashed var(--mantine-color-gray-5)'}`,
          borderRadius: 'var(--mantine-radius-md)',
          overflow: 'hidden',
          background: 'white',
        }}
      >
        <canvas
          ref={canvasRef}
          role="img"
          aria-labelledby={`${id}-label`}
          aria-describedby={`${id}-hint`}
          data-testid="signature-pad"
          style={{ display: 'block', width: '100%', height, touchAction: 'none', cursor: 'crosshair' }}
          onPointerDown={start}
          onPointerMove={move}
          onPointerUp={end}
          onPointerCancel={end}
          onPointerLeave={end}
        />
      </Box>
      {error ? (
        <Text size="sm" c="red.8" fw={600} mt={4} role="alert">
          {error}
        </Text>
      ) : null}
    </div>
  );
}
