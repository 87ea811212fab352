import { appendFileSync } from 'node:fs';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the fault suite collects each scenario's figure line for its summary (unset in other runs). */
    figuresFile?: string;
  }
}

/** Prints one figure line of a fault scenario (e.g. writes acknowledged and lost, restart time); the fault suite
 * repeats every line in its summary at the end of the run. */
export function reportFigure(line: string): void {
  console.log(`[figure] ${line}`);
  const file = inject('figuresFile');
  if (file) appendFileSync(file, `${line}\n`);
}
