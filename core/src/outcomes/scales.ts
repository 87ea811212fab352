import { z } from 'zod';
import { ecca, goodmanBaronQualitative, goodmanBaronQuantitative } from './scales-acne';
import { gaisInvestigator, gaisSubject, satisfaction } from './scales-global';
import { hairCount, salt } from './scales-hair';
import { fVasi, masi, mmasi, vasi } from './scales-pigment';
import { posasObserver, posasPatient, vss } from './scales-scar';
import type {
  ItemIssue,
  OutcomeSettings,
  ScaleDefinition,
  ScaleId,
  ScaleItem,
  ScaleScore,
  ScaleValues,
} from './scale.schema';

/** Every outcome scale, by id (evidence.md section 8). */
export const scales: Record<ScaleId, ScaleDefinition> = {
  'goodman-baron-qualitative': goodmanBaronQualitative,
  'goodman-baron-quantitative': goodmanBaronQuantitative,
  ecca,
  masi,
  mmasi,
  vasi,
  'f-vasi': fVasi,
  salt,
  'gais-investigator': gaisInvestigator,
  'gais-subject': gaisSubject,
  'posas-observer': posasObserver,
  'posas-patient': posasPatient,
  vss,
  satisfaction,
  'hair-count': hairCount,
};

export function findScale(id: string): ScaleDefinition | undefined {
  return Object.hasOwn(scales, id) ? scales[id as ScaleId] : undefined;
}

function itemLabel(item: ScaleItem): string {
  return item.group ? `${item.group}: ${item.label}` : item.label;
}

function itemSchema(item: ScaleItem): z.ZodType<number | undefined> {
  const label = itemLabel(item);
  const base = z.number({ error: `${label}: a number is required` });
  const schema =
    item.kind === 'choice'
      ? base.refine((v) => item.choices.some((c) => c.value === v), {
          message: `${label} must be one of ${item.choices.map((c) => c.value).join(', ')}`,
        })
      : base
          .min(
            item.min,
            `${label} must be between ${item.min} and ${item.max}${item.unit ? ` ${item.unit}` : ''}`,
          )
          .max(
            item.max,
            `${label} must be between ${item.min} and ${item.max}${item.unit ? ` ${item.unit}` : ''}`,
          )
          .refine((v) => Number.isFinite(v), `${label} must be a finite number`);
  return item.optional ? schema.optional() : schema;
}

/** The zod schema of a scale's values: every required item, each in its range or one of its choices, nothing else. */
export function scaleValuesSchema(scale: ScaleDefinition): z.ZodType<ScaleValues> {
  return z
    .object(Object.fromEntries(scale.items.map((item) => [item.id, itemSchema(item)])))
    .strict() as unknown as z.ZodType<ScaleValues>;
}

export type ParsedScale =
  { ok: true; values: ScaleValues; score: ScaleScore } | { ok: false; issues: ItemIssue[] };

/**
 * Checks values against the scale (ranges, choices, cross-item checks with the clinic's settings) and scores them.
 * Out-of-range values are refused with one clear message per item; nothing is clamped.
 */
export function scoreScale(scale: ScaleDefinition, input: unknown, settings: OutcomeSettings): ParsedScale {
  const parsed = scaleValuesSchema(scale).safeParse(input);
  if (!parsed.success)
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({
        item: i.path.map(String).join('.'),
        message:
          i.code === 'unrecognized_keys'
            ? `${scale.shortName} has no item ${i.keys.map((k) => `"${k}"`).join(', ')}`
            : i.message,
      })),
    };
  const values = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
  const issues = scale.check?.(values, settings) ?? [];
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, values, score: scale.score(values, settings) };
}
