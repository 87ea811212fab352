/** Source modules of each first load (see bundle-budget.mjs). */
export const firstLoads: { portal: string[]; staff: string[] };
export const budgetsKb: { portal: number; staff: number };
export function measureFirstLoads(
  dir?: string,
): Record<'portal' | 'staff', { jsKb: number; cssKb: number; totalKb: number; files: number }>;
