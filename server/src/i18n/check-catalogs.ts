// `npm run i18n:check`: every catalog pair (portal, patient messages) has the same keys in English and
// Spanish with the same ICU arguments, and every key the code uses exists. Exits 1 listing each problem.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { locales } from '@needlepoint/core/i18n/locale';
import { checkCatalogs, findUsedKeys, type KeyUse } from './catalog-check';

const root = resolve(import.meta.dirname, '../../..');

/** Each catalog folder and the source folder whose code uses it. */
const catalogSets = [
  { name: 'portal', catalogDir: 'web/src/i18n', sourceDir: 'web/src' },
  { name: 'patient messages', catalogDir: 'server/src/i18n', sourceDir: 'server/src' },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

let failures = 0;
for (const set of catalogSets) {
  const catalogs = Object.fromEntries(
    locales.map((locale) => {
      const file = join(root, set.catalogDir, `${locale}.json`);
      try {
        return [locale, JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>];
      } catch (error) {
        console.error(`${set.name}: cannot read ${relative(root, file)}: ${(error as Error).message}`);
        failures += 1;
        return [locale, {}];
      }
    }),
  );
  const uses: KeyUse[] = sourceFiles(join(root, set.sourceDir)).flatMap((file) =>
    findUsedKeys(readFileSync(file, 'utf8')).map((key) => ({ key, file: relative(root, file) })),
  );
  const problems = checkCatalogs(catalogs, uses);
  for (const { key, problem } of problems) console.error(`${set.name}: ${key}: ${problem}`);
  failures += problems.length;
  if (problems.length === 0)
    console.log(
      `${set.name}: ${Object.keys(catalogs.en ?? {}).length} keys in ${locales.join(' and ')}, all used keys present`,
    );
}

if (failures > 0) {
  console.error(`i18n check failed: ${failures} problem(s)`);
  process.exit(1);
}
