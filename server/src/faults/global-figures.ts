import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import '../testing/figures';

/** Once per fault-suite run: a file the scenarios append their figure lines to, printed as a summary at the end. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'needlepoint-faults-'));
  const file = join(dir, 'figures.txt');
  project.provide('figuresFile', file);
  const started = Date.now();
  return async () => {
    const lines = (await readFile(file, 'utf8').catch(() => '')).split('\n').filter(Boolean);
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    console.log(
      [
        '',
        `Fault suite summary (${lines.length} figures, ${seconds} s):`,
        ...(lines.length ? lines.map((line) => `  ${line}`) : ['  no scenario reported a figure']),
        '',
      ].join('\n'),
    );
    await rm(dir, { recursive: true, force: true });
  };
}
