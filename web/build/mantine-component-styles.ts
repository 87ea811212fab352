import type { Plugin } from 'vite';

const componentClasses = /\/@mantine\/core\/esm\/components\/.+\/([A-Za-z]+)\.module\.mjs$/;

/**
 * Each Mantine component brings its own stylesheet: when a component's class-name module is bundled, its CSS file
 * (`@mantine/core/styles/<Component>.css`) is imported with it, so a page's chunk carries exactly the styles of the
 * components it uses, dependencies first (a component imports the components it is built from). The shared
 * baseline, variables and global styles are imported once by `src/main.tsx`. This replaces one 35 kB stylesheet on
 * every first load.
 */
export function mantineComponentStyles(): Plugin {
  return {
    name: 'needlepoint:mantine-component-styles',
    // In development Vite pre-bundles dependencies without plugins; keep Mantine out of it so this runs there too.
    config: () => ({ optimizeDeps: { exclude: ['@mantine/core'] } }),
    transform(code, id) {
      const component = componentClasses.exec(id)?.[1];
      if (!component) return null;
      const stylesheet = `import '@mantine/core/styles/${component}.css';\n`;
      // After the module's "use client" directive, which must stay its first statement.
      const directive = /^(["'])use client\1;?\n/.exec(code)?.[0] ?? '';
      return { code: directive + stylesheet + code.slice(directive.length), map: null };
    },
  };
}
