// The first load of the portal and of the staff app, gzipped, from the Vite manifest of web/dist: the entry, the
// layout and the first page of each, with every chunk and stylesheet they import statically. `node
// web/scripts/bundle-budget.mjs` prints both and fails when one is over its budget (the web build runs it).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

/** What a person downloads before they see the page: these source modules and everything they import. */
export const firstLoads = {
  // With the portal's first catalog in one language (English and Spanish weigh about the same).
  portal: [
    'src/features/portal/portal-layout.tsx',
    'src/features/portal/portal-welcome-page.tsx',
    'src/i18n/en.json',
  ],
  // A patient whose session ended opens the portal on the sign-in page: the same budget as the welcome page.
  'portal sign-in': ['src/features/auth/sign-in-page.tsx', 'src/i18n/en.json'],
  staff: ['src/features/shell/staff-layout.tsx', 'src/features/today/today-page.tsx'],
};

/**
 * Budgets in kB of gzipped JS + CSS. The portal's goal is 150 kB and the staff app's 250 kB; a budget is lowered
 * whenever a change makes room, and never raised without a decision recorded in docs/decisions.
 */
export const budgetsKb = { portal: 150, 'portal sign-in': 150, staff: 250 };

export function measureFirstLoads(dir = dist) {
  const manifest = JSON.parse(readFileSync(`${dir}.vite/manifest.json`, 'utf8'));
  const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
  const gz = (file) => gzipSync(readFileSync(dir + file), { level: 9 }).length;
  const result = {};
  for (const [name, modules] of Object.entries(firstLoads)) {
    const files = new Set();
    const visit = (key) => {
      const chunk = manifest[key];
      if (!chunk) throw new Error(`${key} is not in the build manifest`);
      if (files.has(chunk.file)) return;
      files.add(chunk.file);
      for (const css of chunk.css ?? []) files.add(css);
      for (const imported of chunk.imports ?? []) visit(imported);
    };
    for (const key of [entry, ...modules]) visit(key);
    const js = [...files].filter((f) => f.endsWith('.js')).reduce((n, f) => n + gz(f), 0);
    const css = [...files].filter((f) => f.endsWith('.css')).reduce((n, f) => n + gz(f), 0);
    result[name] = {
      jsKb: +(js / 1024).toFixed(1),
      cssKb: +(css / 1024).toFixed(1),
      totalKb: +((js + css) / 1024).toFixed(1),
      files: files.size,
    };
  }
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const loads = measureFirstLoads();
  let over = false;
  for (const [name, load] of Object.entries(loads)) {
    const budget = budgetsKb[name];
    const ok = load.totalKb <= budget;
    over ||= !ok;
    console.log(
      `${ok ? 'ok  ' : 'OVER'} ${name} first load ${load.totalKb} kB gzipped (JS ${load.jsKb}, CSS ${load.cssKb}, ${load.files} files); budget ${budget} kB`,
    );
  }
  if (over) process.exit(1);
}
