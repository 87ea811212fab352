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
const margin = 8;
const ink = '#111827';

interface Point {
  x: number;
  y: number;
}
type Mark = { kind: 'stroke'; points: Point[] } | { kind: 'text'; text: string };

/** A dot for a single point, a line through the points otherwise. */
function drawStroke(ctx: CanvasRenderingContext2D, points: Point[]) {
  const [first, ...rest] = points;
  if (!first) return;
  ctx.beginPath();
  if (rest.length === 0) {
    ctx.arc(first.x, first.y, 1.2, 0, Math.PI * 2);
    ctx.fill();
    return;
  }
  ctx.moveTo(first.x, first.y);
  for (const p of rest) ctx.lineTo(p.x, p.y);
  ctx.stroke();
}

/** Writes a typed name in a handwriting-style font, as large as fits the pad's width. */
function writeFitted(ctx: CanvasRenderingContext2D, text: string, width: number) {
  let size = 44;
  ctx.font = `italic ${size}px "Segoe Script", "Brush Script MT", cursive`;
  while (size > 16 && ctx.measureText(text).width > width - 32) {
    size -= 2;
    ctx.font = `italic ${size}px "Segoe Script", "Brush Script MT", cursive`;
  }
  ctx.textBaseline = 'middle';
  ctx.fillText(text, 16, height / 2);
}

/**
 * Draw a signature with a finger, a pen or the mouse (pointer events cover all three). The canvas keeps
 * its drawing in device pixels, and the exported PNG is small: a white background and dark strokes. The strokes
 * are also kept as points, so a resize (a phone turned while signing) draws them again, shrunk to fit if the pad
 * got narrower, never cut off or stretched.
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
  /** What was drawn or written, kept apart from the pixels so a resize can draw it again. */
  const marks = useRef<Mark[]>([]);
  /** How much smaller than drawn the marks are shown (1 unless the pad got narrower than the drawing). */
  const scale = useRef(1);
  const last = useRef<Point | null>(null);
  const id = useId();
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  const context = () => canvasRef.current?.getContext('2d') ?? null;

  /** Sizes the canvas to its box and draws every mark again, shrunk to fit if the pad became narrower. */
  const redraw = useCallback(() => {
    const canvas = canvasRef.current;
    const width = canvas?.clientWidth ?? 0;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || width === 0) return; // hidden: keep the pixels and marks as they are
    const ratio = Math.min(window.devicePixelRatio || 1, 2);
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.strokeStyle = ink;
    ctx.fillStyle = ink;
    ctx.lineWidth = 2.5;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    let right = 0;
    for (const mark of marks.current)
      if (mark.kind === 'stroke') for (const p of mark.points) right = Math.max(right, p.x);
    scale.current = right > width - margin ? (width - margin) / right : 1;
    for (const mark of marks.current) {
      if (mark.kind === 'text') writeFitted(ctx, mark.text, width);
      else
        drawStroke(
          ctx,
          mark.points.map((p) => ({ x: p.x * scale.current, y: p.y * scale.current })),
        );
    }
  }, []);

  const clear = useCallback(() => {
    marks.current = [];
    redraw();
    onChangeRef.current?.(false);
  }, [redraw]);

  useEffect(() => {
    redraw();
    // A width change (phone rotated, window resized) draws the signature again instead of losing it.
    let width = canvasRef.current?.clientWidth ?? 0;
    const observer = new ResizeObserver(() => {
      const next = canvasRef.current?.clientWidth ?? 0;
      if (next === width || next === 0) return;
      width = next;
      redraw();
    });
    if (canvasRef.current) observer.observe(canvasRef.current);
    return () => observer.disconnect();
  }, [redraw]);

  useImperativeHandle(
    ref,
    () => ({
      toDataUrl: () =>
        marks.current.length > 0 && canvasRef.current ? canvasRef.current.toDataURL('image/png') : null,
      clear,
      writeText: (text: string) => {
        marks.current = text.trim() ? [{ kind: 'text', text: text.trim() }] : [];
        redraw();
        onChangeRef.current?.(marks.current.length > 0);
      },
    }),
    [clear, redraw],
  );

  const point = (event: React.PointerEvent<HTMLCanvasElement>): Point => {
    const rect = event.currentTarget.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };
  /** A point on screen as kept in the marks (undoing the shrink of a narrowed pad). */
  const kept = (p: Point): Point => ({ x: p.x / scale.current, y: p.y / scale.current });

  function start(event: React.PointerEvent<HTMLCanvasElement>) {
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    drawing.current = true;
    const p = point(event);
    last.current = p;
    const first = marks.current.length === 0;
    marks.current.push({ kind: 'stroke', points: [kept(p)] });
    const ctx = context();
    if (ctx) drawStroke(ctx, [p]);
    if (first) onChangeRef.current?.(true);
  }

  function move(event: React.PointerEvent<HTMLCanvasElement>) {
    const stroke = marks.current.at(-1);
    if (!drawing.current || !last.current || stroke?.kind !== 'stroke') return;
    event.preventDefault();
    const ctx = context();
    if (!ctx) return;
    const p = point(event);
    drawStroke(ctx, [last.current, p]);
    stroke.points.push(kept(p));
    last.current = p;
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
        <Button variant="default" size="sm" onClick={clear}>
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
