import { z } from 'zod';
import { ZoneSchema } from '../plans/template.schema';

/** The treatment record: what happened in the room, charted by the provider on a tablet (evidence.md 2, chart fields). */

const IsoDate = z.iso.date();
const text = (max: number) => z.string().trim().max(max);

/** Topical anaesthetics the record knows the labelled limits of (evidence.md 3); `other` is charted by name. */
export const numbingProducts = [
  'lidocaine-prilocaine-2.5-2.5',
  'lidocaine-4',
  'lidocaine-5',
  'bl-t-compounded',
  'lidocaine-tetracaine-23-7',
  'other',
] as const;
export const NumbingProduct = z.enum(numbingProducts);
export type NumbingProduct = z.infer<typeof NumbingProduct>;

export const Numbing = z
  .object({
    product: NumbingProduct,
    productName: text(200).default(''),
    /** As written on the product, e.g. "2.5%/2.5%". */
    concentration: text(100).default(''),
    amountG: z.number().min(0).max(1000).nullable(),
    areaCm2: z.number().min(0).max(20000).nullable(),
    appliedAt: z.iso.datetime({ offset: true }).nullable(),
    removedAt: z.iso.datetime({ offset: true }).nullable(),
    occlusion: z.boolean().default(false),
    /** Occlusion or heat only when prescribed (FDA S70). */
    occlusionPrescribed: z.boolean().default(false),
  })
  .strict();
export type Numbing = z.infer<typeof Numbing>;

export const consumableKinds = ['cartridge', 'roller', 'other'] as const;
export const ConsumableKind = z.enum(consumableKinds);

export const ConsumableUse = z
  .object({
    /** A lot from the clinic's inventory; null when typed from a box not (yet) in stock. */
    lotId: z.uuid().nullable().default(null),
    kind: ConsumableKind.default('cartridge'),
    productName: text(200).min(1),
    gtin: z
      .string()
      .regex(/^\d{8,14}$/)
      .nullable()
      .default(null),
    lot: text(80).min(1),
    expiry: IsoDate,
    serial: text(80).nullable().default(null),
    needleCount: z.number().int().min(1).max(1000).nullable().default(null),
    quantity: z.number().int().min(1).max(20).default(1),
  })
  .strict();
export type ConsumableUse = z.infer<typeof ConsumableUse>;

export const RfSettings = z
  .object({
    energy: text(50).min(1),
    pulseMs: z.number().min(0).max(10000).nullable(),
    depthMm: z.number().min(0).max(10).nullable(),
  })
  .strict();

export const endpoints = ['uniform-erythema', 'pinpoint-bleeding', 'not-reached'] as const;
export const Endpoint = z.enum(endpoints);
export const techniques = [
  'crosshatch',
  'stamping',
  'circular',
  'linear',
  'roller-4-directions',
  'other',
] as const;
export const Technique = z.enum(techniques);

export const ZoneTreatment = z
  .object({
    zone: ZoneSchema,
    depthMm: z.number().gt(0).max(10),
    /** The provider confirmed a depth outside the plan's range for this zone (evidence.md 1.0). */
    depthConfirmed: z.boolean().default(false),
    passes: z.number().int().min(0).max(20).nullable().default(null),
    speed: text(40).default(''),
    technique: Technique.nullable().default(null),
    endpoint: Endpoint.nullable().default(null),
    notes: text(2000).default(''),
  })
  .strict();
export type ZoneTreatment = z.infer<typeof ZoneTreatment>;

export const topicalRoles = ['glide', 'adjunct'] as const;
export const TopicalRole = z.enum(topicalRoles);
export const topicalRoutes = ['topical-during-needling', 'intradermal', 'after-needling'] as const;
export const TopicalRoute = z.enum(topicalRoutes);

export const TopicalUse = z
  .object({
    role: TopicalRole,
    /** An allow-list product id (built-in or the clinic's inventory product). */
    productId: text(80).min(1),
    productName: text(200).default(''),
    lot: text(80).default(''),
    route: TopicalRoute.default('topical-during-needling'),
  })
  .strict();
export type TopicalUse = z.infer<typeof TopicalUse>;

/** Checklist items the provider ticks; null = not answered yet (never assumed). */
export const ChecklistAnswers = z
  .object({
    photosTaken: z.boolean().nullable().default(null),
    skinClean: z.boolean().nullable().default(null),
    preparationFollowed: z.boolean().nullable().default(null),
    preparationNote: text(1000).default(''),
  })
  .strict();
export type ChecklistAnswers = z.infer<typeof ChecklistAnswers>;

/** The part of the record the tablet edits and saves as a whole (with the version it was based on). */
export const TreatmentRecordDraft = z
  .object({
    checklist: ChecklistAnswers.default({
      photosTaken: null,
      skinClean: null,
      preparationFollowed: null,
      preparationNote: '',
    }),
    numbing: Numbing.nullable().default(null),
    deviceId: z.uuid().nullable().default(null),
    handpieceSerial: text(80).default(''),
    consumables: z.array(ConsumableUse).max(20).default([]),
    rf: RfSettings.nullable().default(null),
    zones: z.array(ZoneTreatment).max(20).default([]),
    topicals: z.array(TopicalUse).max(20).default([]),
    immediateReaction: text(2000).default(''),
    pain: z.number().int().min(0).max(10).nullable().default(null),
    aftercareGiven: z.boolean().nullable().default(null),
    aftercareNotes: text(2000).default(''),
  })
  .strict();
export type TreatmentRecordDraft = z.infer<typeof TreatmentRecordDraft>;

export const emptyDraft = (): TreatmentRecordDraft => TreatmentRecordDraft.parse({});

export const treatmentRecordStatuses = ['draft', 'signed'] as const;
export type TreatmentRecordStatus = (typeof treatmentRecordStatuses)[number];
