import { useRef, useState, type PointerEvent } from 'react';
import { Box } from '@mantine/core';
import type { PhotoRegion } from '@needlepoint/core/contracts/photos';

const clamp = (v: number) => Math.min(1, Math.max(0, v));
const round = (v: number) => Math.round(v * 10_000) / 10_000;

/** The rectangle between two corners, as fractions of the image, kept inside it. */
export function regionBetween(a: { x: number; y: number }, b: { x: number; y: number }): PhotoRegion {
  const left = round(clamp(Math.min(a.x, b.x)));
  const top = round(clamp(Math.min(a.y, b.y)));
  return {
    left,
    top,
    width: round(Math.min(clamp(Math.max(a.x, b.x)) - left, 1 - left)),
    height: round(Math.min(clamp(Math.max(a.y, b.y)) - top, 1 - top)),
  };
}

/**
 * A photo on which a rectangle is drawn by dragging (mouse, finger or pen). The region is reported as fractions of
 * the image, so it applies to other photos of the same view whatever their size.
 */
export function RegionPicker({
  src,
  alt,
  region,
  onChange,
}: {
  src: string;
  alt: string;
  region: PhotoRegion | null;
  onChange: (region: PhotoRegion | null) => void;
}) {
  const image = useRef<HTMLImageElement>(null);
  const [start, setStart] = useState<{ x: number; y: number } | null>(null);
  const [draft, setDraft] = useState<PhotoRegion | null>(null);

  const pointAt = (event: PointerEvent) => {
    const box = image.current!.getBoundingClientRect();
    return {
      x: clamp((event.clientX - box.left) / box.width),
      y: clamp((event.clientY - box.top) / box.height),
    };
  };
  const shown = draft ?? region;

  return (
    <Box
      pos="relative"
      w="fit-content"
      maw="100%"
      mx="auto"
      style={{ touchAction: 'none', cursor: 'crosshair', userSelect: 'none', overflow: 'hidden' }}
      data-testid="region-picker"
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId);
        const point = pointAt(event);
        setStart(point);
        setDraft(regionBetween(point, point));
      }}
      onPointerMove={(event) => {
        if (start) setDraft(regionBetween(start, pointAt(event)));
      }}
      onPointerUp={(event) => {
        if (!start) return;
        const next = regionBetween(start, pointAt(event));
        setStart(null);
        setDraft(null);
        // A click without a drag clears the region rather than choosing an empty one.
        onChange(next.width > 0.005 && next.height > 0.005 ? next : null);
      }}
    >
      <img
        ref={image}
        src={src}
        alt={alt}
        draggable={false}
        style={{ display: 'block', maxWidth: '100%', maxHeight: '60dvh' }}
      />
      {shown ? (
        <Box
          pos="absolute"
          data-testid="region-box"
          style={{
            left: `${shown.left * 100}%`,
            top: `${shown.top * 100}%`,
            width: `${shown.width * 100}%`,
            height: `${shown.height * 100}%`,
            border: '2px solid var(--mantine-color-yellow-4)',
            boxShadow: '0 0 0 9999px rgba(0, 0, 0, 0.35)',
            pointerEvents: 'none',
          }}
        />
      ) : null}
    </Box>
  );
}
