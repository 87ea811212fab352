import { z } from 'zod';
import type { Area } from '../knowledge/knowledge.schema';
import { EvidenceLevel, Modality, SourceId } from '../knowledge/knowledge.schema';

/** The shape of a treatment-plan template. Built-in templates are data (`templates.ts`); clinics edit copies. */

export const indications = [
  'acne-scars',
  'surgical-scars',
  'burn-scars',
  'striae',
  'fine-lines',
  'pores',
  'dark-spots',
  'melasma',
  'rosacea',
  'vitiligo',
  'androgenetic-alopecia',
  'alopecia-areata',
] as const;
export const Indication = z.enum(indications);
export type Indication = z.infer<typeof Indication>;

/** Treatment zones a needle depth is set for. Each belongs to one screening area. */
export const zoneAreas = {
  forehead: 'face',
  periorbital: 'periorbital',
  nose: 'face',
  perioral: 'perioral',
  cheeks: 'face',
  'chin-jaw': 'face',
  neck: 'neck',
  chest: 'chest',
  hands: 'hands',
  scalp: 'scalp',
  body: 'body',
} as const satisfies Record<string, Area>;
export type Zone = keyof typeof zoneAreas;
export const zones = Object.keys(zoneAreas) as [Zone, ...Zone[]];
export const ZoneSchema = z.enum(zones);

export const outcomeScales = [
  'goodman-baron',
  'ecca',
  'posas',
  'vss',
  'gais',
  'mmasi',
  'pahpi',
  'iga',
  'cea',
  'vasi',
  'salt',
  'hair-count',
] as const;
export const OutcomeScale = z.enum(outcomeScales);
export type OutcomeScale = z.infer<typeof OutcomeScale>;

export const adjunctKinds = [
  'prp',
  'tranexamic-acid',
  'minoxidil',
  'triamcinolone',
  '5-fluorouracil',
] as const;
export const AdjunctKind = z.enum(adjunctKinds);
export type AdjunctKind = z.infer<typeof AdjunctKind>;

/** The deepest setting any template or plan may hold; pens go to 2.5 mm, rollers to 3 mm. */
export const MAX_DEPTH_MM = 3;

export const ZoneDepth = z
  .object({
    zone: ZoneSchema,
    minMm: z.number().min(0).max(MAX_DEPTH_MM),
    maxMm: z.number().min(0).max(MAX_DEPTH_MM),
    note: z.string().max(500).optional(),
    sources: z.array(SourceId),
  })
  .refine((z) => z.minMm <= z.maxMm, 'minMm must not exceed maxMm');
export type ZoneDepth = z.infer<typeof ZoneDepth>;

export const Adjunct = z.object({
  kind: AdjunctKind,
  name: z.string().min(1).max(200),
  /** How it is used in the cited studies (strength, route, timing). */
  use: z.string().max(1000),
  caution: z.string().min(1).max(2000),
  evidenceLevel: EvidenceLevel,
  sources: z.array(SourceId).min(1),
});
export type Adjunct = z.infer<typeof Adjunct>;

export const Maintenance = z
  .object({
    everyMonthsMin: z.number().int().min(1).max(60),
    everyMonthsMax: z.number().int().min(1).max(60),
    note: z.string().max(1000),
    evidenceLevel: EvidenceLevel,
    sources: z.array(SourceId).min(1),
  })
  .refine((m) => m.everyMonthsMin <= m.everyMonthsMax, 'everyMonthsMin must not exceed everyMonthsMax');
export type Maintenance = z.infer<typeof Maintenance>;

export const PlanTemplate = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{2,64}$/),
    indication: Indication,
    name: z.string().min(1).max(200),
    sessions: z.number().int().min(1).max(52),
    minIntervalDays: z.number().int().min(1).max(365),
    typicalIntervalDays: z.number().int().min(1).max(365),
    zones: z.array(ZoneDepth).min(1),
    modalities: z.array(Modality).min(1),
    adjuncts: z.array(Adjunct),
    /** First = primary outcome scale (evidence.md 8.9). */
    outcomeScales: z.array(OutcomeScale).min(1),
    maintenance: Maintenance.nullable(),
    /** The service its sessions are booked as (a service type id); absent: derived from the adjuncts. */
    serviceTypeId: z
      .string()
      .regex(/^[a-z0-9-]{2,64}$/)
      .optional(),
    evidenceLevel: EvidenceLevel,
    /** What the sessions and intervals rest on, and what to tell the patient to expect. */
    summary: z.string().max(2000),
    cautions: z.array(z.string().max(1000)),
    sources: z.array(SourceId).min(1),
  })
  .refine((t) => t.minIntervalDays <= t.typicalIntervalDays, {
    message: 'minIntervalDays must not exceed typicalIntervalDays',
    path: ['minIntervalDays'],
  })
  .refine((t) => new Set(t.zones.map((z) => z.zone)).size === t.zones.length, {
    message: 'Each zone may appear once',
    path: ['zones'],
  })
  .refine((t) => new Set(t.adjuncts.map((a) => a.kind)).size === t.adjuncts.length, {
    message: 'Each adjunct may appear once',
    path: ['adjuncts'],
  });
export type PlanTemplate = z.infer<typeof PlanTemplate>;
