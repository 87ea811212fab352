import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** `npm run bench [name...]`: runs bench/*.bench.ts (or the named ones) and writes bench/results/latest.json. */
interface BenchResult {
  name: string;
  metrics: Record<string, number | string>;
  notes?: string;
}

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = (await readdir(dir)).filter((f) => f.endsWith('.bench.ts')).sort();
const results: BenchResult[] = [];
for (const file of files) {
  const name = file.replace(/\.bench\.ts$/, '');
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(`\n== ${name}`);
  const mod = (await import(pathToFileURL(dir + file).href)) as { run: () => Promise<BenchResult> };
  const result = await mod.run();
  results.push(result);
  for (const [key, value] of Object.entries(result.metrics)) console.log(`  ${key.padEnd(28)} ${value}`);
  if (result.notes) console.log(`  note: ${result.notes}`);
}
await mkdir(dir + 'results', { recursive: true });
const report = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  database: process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded',
  results,
};
await writeFile(dir + 'results/latest.json', JSON.stringify(report, null, 2));
console.log(`\nwritten to bench/results/latest.json`);
process.exit(0);
