import type { Source } from '../knowledge/knowledge.schema';
import { planSources } from '../plans/sources';

/** Sources the outcome scales cite (evidence.md section 11): the same list the plan templates cite. */
export const outcomeSources: Record<string, Source> = planSources;
