// `npm run i18n:check`: every catalog pair (portal, patient messages) has the same keys in English and
// Spanish with the same ICU arguments, and every key the code uses exists. The portal's catalogs are split by
// area (`web/src/i18n/en.json` for what the first page needs, `web/src/i18n/<area>/en.json` loaded with the
// area's pages): each pair is checked on its own, a key lives in one area only, and a key used anywhere must be
// in some area. Exits 1 listing each problem.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { locales } from '@needlepoint/core/i18n/locale';
import { checkCatalogs, findUsedKeys, type KeyUse } from './catalog-check';

const root = resolve(import.meta.dirname, '../../..');

/** Each catalog folder and the source folder whose code uses it. */
const catalogSets = [
  { name: 'portal', catalogDir: 'web/src/i18n', sourceDir: 'web/src', areas: true },
  { name: 'patient messages', catalogDir: 'server/src/i18n', sourceDir: 'server/src', areas: false },
];

/** The catalog folder and, for a set split by area, each subfolder holding an `en.json`. */
function catalogDirs(dir: string, areas: boolean): string[] {
  if (!areas) return [dir];
  const subdirs = readdirSync(join(root, dir))
    .map((name) => join(dir, name))
    .filter((path) => statSync(join(root, path)).isDirectory())
    .filter((path) => locales.some((locale) => existsSync(join(root, path, `${locale}.json`))));
  return [dir, ...subdirs.sort()];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

let failures = 0;
for (const set of catalogSets) {
  const readCatalogs = (dir: string) =>
    Object.fromEntries(
      locales.map((locale) => {
        const file = join(root, dir, `${locale}.json`);
        try {
          return [locale, JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>];
        } catch (error) {
          console.error(`${set.name}: cannot read ${relative(root, file)}: ${(error as Error).message}`);
          failures += 1;
          return [locale, {}];
        }
      }),
    );
  const areas = catalogDirs(set.catalogDir, set.areas).map((dir) => ({ dir, catalogs: readCatalogs(dir) }));
  const uses: KeyUse[] = sourceFiles(join(root, set.sourceDir)).flatMap((file) =>
    findUsedKeys(readFileSync(file, 'utf8')).map((key) => ({ key, file: relative(root, file) })),
  );
  // Every area on its own (same keys, same arguments), then the uses against all areas together.
  const problems = areas.flatMap(({ catalogs }) => checkCatalogs(catalogs, []));
  const merged = Object.fromEntries(
    locales.map((locale) => [
      locale,
      Object.assign({}, ...areas.map((area) => area.catalogs[locale] ?? {})) as Record<string, string>,
    ]),
  );
  problems.push(...checkCatalogs(merged, uses).filter((p) => p.problem.startsWith('used in')));
  const owner = new Map<string, string>();
  for (const { dir, catalogs } of areas)
    for (const key of Object.keys(catalogs.en ?? {})) {
      const first = owner.get(key);
      if (first) problems.push({ key, problem: `in both ${first} and ${dir}` });
      else owner.set(key, dir);
    }
  for (const { key, problem } of problems) console.error(`${set.name}: ${key}: ${problem}`);
  failures += problems.length;
  if (problems.length === 0)
    console.log(
      `${set.name}: ${owner.size || Object.keys(merged.en ?? {}).length} keys in ${locales.join(' and ')} (${areas.length} catalog${areas.length === 1 ? '' : 's'}), all used keys present`,
    );
}

if (failures > 0) {
  console.error(`i18n check failed: ${failures} problem(s)`);
  process.exit(1);
}
