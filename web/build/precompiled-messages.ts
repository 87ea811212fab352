import { parse } from '@formatjs/icu-messageformat-parser';
import type { Plugin } from 'vite';

/** The portal's catalogs: `src/i18n/<language>.json` and each area's `src/i18n/<area>/<language>.json`. */
const catalogFile = /\/src\/i18n\/(?:[a-z-]+\/)?[a-z]{2}\.json$/;

/**
 * The portal's catalogs reach the browser already parsed: each ICU message becomes its syntax tree at build time
 * (formatjs' recommended precompilation), and the browser gets the parser-less build of formatjs, which is about
 * a third smaller. A message that does not parse fails the build.
 */
export function precompiledMessages(): Plugin[] {
  return [
    {
      name: 'needlepoint:precompiled-messages',
      enforce: 'pre',
      transform(code, id) {
        if (!catalogFile.test(id)) return null;
        const messages = JSON.parse(code) as Record<string, string>;
        const trees = Object.fromEntries(
          Object.entries(messages).map(([key, message]) => [key, parse(message)]),
        );
        // Still JSON: Vite's own JSON step turns it into a module.
        return { code: JSON.stringify(trees), map: null };
      },
    },
    {
      name: 'needlepoint:message-parser-free',
      config: () => ({
        resolve: {
          alias: [
            {
              find: /^@formatjs\/icu-messageformat-parser$/,
              replacement: '@formatjs/icu-messageformat-parser/no-parser.js',
            },
          ],
        },
      }),
    },
  ];
}
