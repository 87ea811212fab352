import { createTheme, darken, type CSSVariablesResolver } from '@mantine/core';

/**
 * Contrast: the primary shade 8 keeps white button text above 4.5:1, and dimmed text uses gray.7
 * (Mantine's default gray.6 is about 3.3:1 on white).
 */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  focusRing: 'auto',
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  components: {
    Anchor: { defaultProps: { underline: 'always' } },
    // A table that scrolls sideways on a phone can be scrolled from the keyboard.
    TableScrollContainer: { defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0 } } } },
  },
});

/** Yellows and oranges need more darkening than the rest to reach 4.5:1 on their own light background. */
const paleColors = new Set(['yellow', 'orange', 'lime']);

/**
 * Light variants (alert titles, light badges and buttons) draw text in `--mantine-color-<c>-light-color`, shade 6
 * by default, which is under 4.5:1 on their tinted background for most colors: each is darkened from shade 9.
 */
export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': t.colors.gray[7] ?? '#495057',
    ...Object.fromEntries(
      Object.entries(t.colors).map(([name, shades]) => [
        `--mantine-color-${name}-light-color`,
        darken(shades[9], paleColors.has(name) ? 0.4 : 0.2),
      ]),
    ),
  },
  dark: {},
});
