import type { PhotoGuide } from '@needlepoint/core/contracts/photos';

const stroke = { fill: 'none', stroke: 'white', strokeWidth: 0.6, strokeDasharray: '2 1.5', opacity: 0.85 };

/** The framing shape drawn over the camera before a view has a first photo (coordinates in a 100×75 box). */
export function GuideFrame({ frame }: { frame: PhotoGuide['frame'] }) {
  return (
    <svg
      viewBox="0 0 100 75"
      preserveAspectRatio="xMidYMid meet"
      data-testid="guide-overlay"
      data-guide="frame"
      aria-label="Guide: framing shape"
      role="img"
      style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', pointerEvents: 'none' }}
    >
      {frame === 'face-oval' ? (
        <>
          <ellipse cx="50" cy="36" rx="17" ry="24" {...stroke} />
          <line x1="36" y1="30" x2="64" y2="30" {...stroke} />
        </>
      ) : frame === 'face-oval-turned' ? (
        <>
          <ellipse cx="50" cy="36" rx="14" ry="24" {...stroke} />
          <line x1="50" y1="14" x2="50" y2="58" {...stroke} />
        </>
      ) : frame === 'profile' ? (
        <path d="M40 12 C62 10 66 28 64 32 L68 40 L63 42 C64 50 60 56 50 58 L44 64" {...stroke} />
      ) : frame === 'scalp-circle' ? (
        <circle cx="50" cy="37" r="24" {...stroke} />
      ) : (
        <rect x="15" y="10" width="70" height="55" rx="2" {...stroke} />
      )}
    </svg>
  );
}
