import { z } from 'zod';
import type { EvidenceLevel } from '../knowledge/knowledge.schema';

/**
 * The shape of an outcome scale (evidence.md section 8). A scale is data: its items with their ranges or choices,
 * its version and sources, who scores it, and one pure scoring function. The web form is generated from `items`.
 */

export const scaleIds = [
  'goodman-baron-qualitative',
  'goodman-baron-quantitative',
  'ecca',
  'masi',
  'mmasi',
  'vasi',
  'f-vasi',
  'salt',
  'gais-investigator',
  'gais-subject',
  'posas-observer',
  'posas-patient',
  'vss',
  'satisfaction',
  'hair-count',
] as const;
export const ScaleId = z.enum(scaleIds);
export type ScaleId = z.infer<typeof ScaleId>;

/** Who gives the score: the provider in the staff app, or the patient in the portal. */
export const scorers = ['provider', 'patient'] as const;
export type Scorer = (typeof scorers)[number];

/** Which way is better. Stored with every score, so a scale read the other way round is never mixed in. */
export const directions = ['lower-is-better', 'higher-is-better'] as const;
export type Direction = (typeof directions)[number];

/**
 * `status`: a measurement at each time point, compared with the baseline (MASI, SALT, POSAS...).
 * `change`: already a judgement of change against the baseline (GAIS). `rating`: a single rating (satisfaction).
 */
export const scaleKinds = ['status', 'change', 'rating'] as const;
export type ScaleKind = (typeof scaleKinds)[number];

export interface Choice {
  value: number;
  label: string;
  /** What the choice means, shown under it. */
  description?: string;
}

interface ItemBase {
  id: string;
  label: string;
  /** Items of one group are shown together (a body region, a scar type). */
  group?: string;
  help?: string;
  /** Optional items may be left out (e.g. a region some versions do not score); all others are required. */
  optional?: boolean;
}
export type ScaleItem =
  | (ItemBase & { kind: 'choice'; choices: Choice[] })
  | (ItemBase & { kind: 'number'; min: number; max: number; step: number; unit?: string });

export type ScaleValues = Record<string, number>;

export interface Band {
  id: string;
  label: string;
}

export interface ScaleScore {
  total: number;
  band: Band | null;
  /** Sub-scores by group, when the scale has them (MASI regions, scar types). */
  parts: Record<string, number>;
  /** Plain notes a clinician reads with the score (e.g. "severe: SALT >= 50"). */
  notes: string[];
}

export interface ScaleDefinition {
  id: ScaleId;
  name: string;
  /** Short label for charts and tables. */
  shortName: string;
  version: string;
  scoredBy: Scorer;
  kind: ScaleKind;
  direction: Direction;
  /** The total's range with the clinic's settings. */
  range: (settings: OutcomeSettings) => { min: number; max: number };
  unit?: string;
  /** Decimal places of the total. */
  decimals: number;
  description: string;
  items: ScaleItem[];
  /** Setting keys (OutcomeSettings) the scoring reads: facts marked "(verify)" in the evidence. */
  settings: readonly (keyof OutcomeSettings)[];
  evidenceLevel: EvidenceLevel;
  sources: readonly string[];
  /** Checks across items or against settings, after each item is in its own range. */
  check?: (values: ScaleValues, settings: OutcomeSettings) => ItemIssue[];
  score: (values: ScaleValues, settings: OutcomeSettings) => ScaleScore;
}

export interface ItemIssue {
  item: string;
  message: string;
}

const points = z.number().min(0).max(100);
/**
 * Clinic-editable facts behind the scoring: each is marked "(verify)" in evidence.md section 8 and must be checked
 * against the original paper before it is relied on. Defaults are in `settings.ts`.
 */
export const OutcomeSettings = z
  .object({
    /** Goodman & Baron quantitative (8.2, verify): points per scar of each type, count-band multipliers, keloids. */
    goodmanBaronPoints: z
      .object({ mild: points, moderate: points, severe: points, papular: points })
      .strict(),
    goodmanBaronCountMultipliers: z.tuple([points, points, points]),
    goodmanBaronKeloidPoints: z.tuple([points, points, points]),
    /** ECCA (8.3, verify): weight of each of the 6 scar types. */
    eccaWeights: z
      .object({
        vShaped: points,
        uShaped: points,
        mShaped: points,
        elastolysis: points,
        hypertrophicRecent: points,
        keloidOld: points,
      })
      .strict(),
    /** mMASI severity cut-offs (8.4, verify): mild below `moderateFrom`, severe above `severeAbove`. */
    mmasiModerateFrom: z.number().min(0).max(24),
    mmasiSevereAbove: z.number().min(0).max(24),
    /** Hand units the face counts for in F-VASI (8.5; not in what was read, verify). */
    fVasiFaceHandUnits: z.number().min(0.5).max(10),
  })
  .strict()
  .refine((s) => s.mmasiModerateFrom <= s.mmasiSevereAbove, {
    message: 'The moderate cut-off must not be above the severe one',
    path: ['mmasiModerateFrom'],
  });
export type OutcomeSettings = z.infer<typeof OutcomeSettings>;
