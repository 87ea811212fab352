import type { ReactNode } from 'react';

/** Small stroke icons (no icon library in the app). Decorative: the words next to them carry the meaning. */
function Icon({ size = 18, children }: { size?: number; children: ReactNode }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2.2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      style={{ flexShrink: 0 }}
    >
      {children}
    </svg>
  );
}

export type IconName = 'check' | 'check-alert' | 'search' | 'key' | 'pause' | 'stop' | 'question';

export function StatusIcon({ name, size }: { name: IconName; size?: number }) {
  switch (name) {
    case 'check':
      return (
        <Icon size={size}>
          <circle cx="12" cy="12" r="9" />
          <path d="M8 12.5l2.5 2.5L16 9.5" />
        </Icon>
      );
    case 'check-alert':
      return (
        <Icon size={size}>
          <path d="M12 3l8 4v5c0 4.5-3.4 8.3-8 9-4.6-.7-8-4.5-8-9V7z" />
          <path d="M12 8v4.5M12 16h.01" />
        </Icon>
      );
    case 'search':
      return (
        <Icon size={size}>
          <circle cx="11" cy="11" r="6.5" />
          <path d="M16 16l4.5 4.5" />
        </Icon>
      );
    case 'key':
      return (
        <Icon size={size}>
          <rect x="4" y="4" width="16" height="17" rx="2" />
          <path d="M9 3h6v3H9zM8 11h8M8 15h5" />
        </Icon>
      );
    case 'pause':
      return (
        <Icon size={size}>
          <circle cx="12" cy="12" r="9" />
          <path d="M10 9v6M14 9v6" />
        </Icon>
      );
    case 'stop':
      return (
        <Icon size={size}>
          <path d="M8.3 3h7.4L21 8.3v7.4L15.7 21H8.3L3 15.7V8.3z" />
          <path d="M9 9l6 6M15 9l-6 6" />
        </Icon>
      );
    case 'question':
      return (
        <Icon size={size}>
          <circle cx="12" cy="12" r="9" />
          <path d="M9.5 9.5a2.5 2.5 0 114 2c-1 .6-1.5 1.2-1.5 2.3M12 17h.01" />
        </Icon>
      );
  }
}
